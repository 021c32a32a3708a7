namespace Campaigns.Domain.Programme;

/// <summary>
/// A customer who met a campaign's targeting rules when it launched, before the global holdout and the contact rules
/// left anyone out: held-out qualifiers are who the campaign would have reached, the comparison group of its channel's
/// effect on the Programme page.
/// </summary>
public sealed class CampaignQualifier
{
    public Guid CampaignId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>Whether the global holdout in force at launch held the customer out (so the campaign could not reach them).</summary>
    public bool HeldOut { get; set; }
    /// <summary>When the campaign launched (UTC).</summary>
    public DateTime QualifiedAt { get; set; }
}
