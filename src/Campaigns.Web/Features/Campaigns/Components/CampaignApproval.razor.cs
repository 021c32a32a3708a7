using Campaigns.Application.Experiments;
using Campaigns.Domain.Campaigns;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Campaigns.Components;

/// <summary>
/// The campaign's next step in its workflow: submit, approve or reject with a comment, launch with a holdout (and the
/// customers that holdout needs to detect a lift), see its results, or archive. The page carries each step out.
/// </summary>
public partial class CampaignApproval
{
    private const int MinHoldoutPercent = (int)(Holdout.MinShare * 100), MaxHoldoutPercent = (int)(Holdout.MaxShare * 100);
    private int _holdoutPercent = 10, _mdePercent = 10;
    private bool _thompson;

    /// <summary>The stored campaign: its status decides the steps offered.</summary>
    [Parameter, EditorRequired] public Campaign Campaign { get; set; } = null!;

    /// <summary>Why this reviewer may not approve (four eyes): they get no Approve button, but may still reject.</summary>
    [Parameter] public string? NotApprover { get; set; }

    /// <summary>The reviewer's comment, required to reject.</summary>
    [Parameter] public string? Comment { get; set; }

    [Parameter] public EventCallback<string?> CommentChanged { get; set; }

    /// <summary>Past traffic and conversion, for the launch plan; none hides the plan.</summary>
    [Parameter] public DesignBaseline? Baseline { get; set; }

    /// <summary>The chosen copy lines: each is an arm compared with the holdout.</summary>
    [Parameter] public int CopyArms { get; set; }

    /// <summary>The launch adds the model's choice arm beside the offers' (their saved audience carries a plan).</summary>
    [Parameter] public bool ModelChoice { get; set; }

    /// <summary>The share of each arm the launch makes beside the holdout, as <see cref="Campaign.Launch"/> splits the traffic.</summary>
    private IReadOnlyList<double> TreatedShares => Campaign.TreatedArmShares(_holdoutPercent / 100.0, CopyArms, ModelChoice);

    /// <summary>The arms compared with the holdout, in words, when there are several.</summary>
    private string TreatedArms(int count) =>
        !Campaign.HasSeveralOffers ? $"{count} copy arms"
        : ModelChoice ? $"{Campaign.Offers.Count} offer arms and the model's choice" : $"{count} offer arms";

    /// <summary>The launched campaign's experiment.</summary>
    [Parameter] public Guid? ExperimentId { get; set; }

    [Parameter] public EventCallback OnSubmit { get; set; }
    [Parameter] public EventCallback OnApprove { get; set; }
    [Parameter] public EventCallback OnReject { get; set; }

    /// <summary>Raised with the holdout in percent and how the copy arms share the traffic.</summary>
    [Parameter] public EventCallback<LaunchRequest> OnLaunch { get; set; }

    [Parameter] public EventCallback OnArchive { get; set; }
}
