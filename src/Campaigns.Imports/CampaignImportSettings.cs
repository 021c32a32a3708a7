using Campaigns.Domain.Campaigns;

namespace Campaigns.Imports;

/// <summary>A past campaign: what the file does not say about it.</summary>
public sealed class CampaignImportSettings
{
    public string Name { get; set; } = "";
    /// <summary>The arm value of the control group (no promotion); every other arm is compared with it.</summary>
    public string ControlArm { get; set; } = "";
    /// <summary>When the campaign started; rows without an assignment date are assigned then.</summary>
    public DateTime? StartedAt { get; set; }
    /// <summary>How long outcomes were observed after the start.</summary>
    public int Days { get; set; } = 14;
    public Channel Channel { get; set; } = Channel.Email;
}
