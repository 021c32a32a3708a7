namespace Campaigns.Domain.Campaigns;

public enum PromotionType { PercentDiscount, FixedAmountOff, FreeShipping, Bundle }
