using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Copy;

/// <summary>
/// One candidate the generator showed a marketer, with the ranker's prediction and what the marketer did with it
/// (picked, edited). Stored so the next training learns from picks and edits, and so monitoring can follow how often
/// a generator version's suggestions are taken.
/// </summary>
public sealed class CopySuggestion : Entity
{
    public Guid CampaignId { get; set; }
    /// <summary>Candidates shown together (one click on "Suggest").</summary>
    public Guid RequestId { get; set; }
    public int Rank { get; set; }
    public Channel Channel { get; set; }
    /// <summary>An email body rather than the headline (subject line, push text, banner).</summary>
    public bool IsBody { get; set; }
    public Tone Tone { get; set; }
    public required string Text { get; set; }
    /// <summary>The ranker's prediction and 90% interval; none for email bodies (the ranker learns from headlines' clicks).</summary>
    public double? PredictedCtr { get; set; }
    public double? PredictedLow { get; set; }
    public double? PredictedHigh { get; set; }
    public Guid GeneratorVersionId { get; set; }
    public Guid? RankerVersionId { get; set; }
    public required string ShownTo { get; set; }
    public DateTime ShownAt { get; set; } = DateTime.UtcNow;
    public DateTime? PickedAt { get; set; }
    /// <summary>The marketer's version when they changed the text before picking it.</summary>
    public string? EditedText { get; set; }
}
