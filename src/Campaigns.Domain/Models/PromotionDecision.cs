namespace Campaigns.Domain.Models;

public enum PromotionDecision { Promote, WaitForAdmin, Keep }
