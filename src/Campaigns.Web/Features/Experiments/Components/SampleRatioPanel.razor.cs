using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>The sample-ratio check and each arm's actual against planned share of traffic.</summary>
public partial class SampleRatioPanel
{
    /// <summary>The check of the split against the plan.</summary>
    [Parameter, EditorRequired] public SampleRatioMismatchResult SampleRatio { get; set; } = default!;

    /// <summary>The arms with their exposed customers and planned shares.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ArmFigures> Arms { get; set; } = [];

    /// <summary>The p-value below which the app flags a mismatch (the analysis never sets another).</summary>
    private static string FlagBelow => SampleRatioMismatch.DefaultThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Share(ArmFigures a) => Arms.Sum(x => x.Exposed) is var total and > 0 ? Display.Percent((double)a.Exposed / total, 1) : Display.None;
}
