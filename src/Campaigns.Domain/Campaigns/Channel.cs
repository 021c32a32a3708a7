namespace Campaigns.Domain.Campaigns;

public enum Channel { Email, Push, OnsiteBanner }
