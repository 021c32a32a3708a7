using Campaigns.Application.Experiments;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>How the targeting model did: each audience cell's measured lift, the model's lift over random targeting, and calibration by decile.</summary>
public partial class TargetingSection
{
    /// <summary>The check of a campaign sent to a model-built audience.</summary>
    [Parameter, EditorRequired] public TargetingCheckView Check { get; set; } = default!;
}
