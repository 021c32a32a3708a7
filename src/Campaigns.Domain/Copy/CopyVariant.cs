using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Copy;

/// <summary>
/// A headline and body shown to customers, with how often it was seen and clicked. Copy chosen for a campaign
/// (<see cref="CampaignId"/> set) becomes one arm of its experiment at launch, so it is tested, not assumed.
/// </summary>
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
    /// <summary>The suggestion it came from, when it was generated (edited or not).</summary>
    public Guid? SuggestionId { get; set; }
    /// <summary>The suggested email body it carries, if the body came from a suggestion; replaced bodies stop counting as picked.</summary>
    public Guid? BodySuggestionId { get; set; }
    /// <summary>Who put the body under the line (may differ from <see cref="CreatedBy"/>): neither may approve it.</summary>
    public string? BodyChosenBy { get; set; }
    /// <summary>The ranker's predicted click-through when it was chosen; compared with the observed rate by model monitoring.</summary>
    public double? PredictedCtr { get; set; }
    /// <summary>The ranker version that made <see cref="PredictedCtr"/>: monitoring judges each version on its own predictions.</summary>
    public Guid? RankerVersionId { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>The Manager who approved it with its campaign.</summary>
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public int Impressions { get; set; }
    public int Clicks { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public double ClickThroughRate => Impressions == 0 ? 0 : (double)Clicks / Impressions;
}
