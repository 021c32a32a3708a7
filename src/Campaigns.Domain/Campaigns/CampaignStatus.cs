namespace Campaigns.Domain.Campaigns;

public enum CampaignStatus { Draft, PendingApproval, Approved, Rejected, Live, Completed, Archived }
