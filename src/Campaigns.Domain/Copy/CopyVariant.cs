using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Copy;

public enum Tone { Urgent, Friendly, Premium, Playful }

public enum CopySource { Historical, Generated, Edited, Written }

/// <summary>A headline and body shown to customers, with how often it was seen and clicked.</summary>
public sealed class CopyVariant : Entity
{
    public Guid? CampaignId { get; set; }
    public Channel Channel { get; set; }
    public Tone Tone { get; set; }
    public PromotionType PromotionType { get; set; }
    public Guid? CategoryId { get; set; }
    public required string Headline { get; set; }
    public string? Body { get; set; }
    public CopySource Source { get; set; }
    public int Impressions { get; set; }
    public int Clicks { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public double ClickThroughRate => Impressions == 0 ? 0 : (double)Clicks / Impressions;
}
