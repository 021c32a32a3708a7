using Campaigns.Analytics;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>Conversion lift by region, device and new-vs-returning customers.</summary>
public partial class SegmentsTable
{
    /// <summary>One row per segment and treated arm.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<SegmentResult> Segments { get; set; } = [];

    /// <summary>The correction applied across every segment test.</summary>
    [Parameter] public CorrectionMethod Correction { get; set; }
}
