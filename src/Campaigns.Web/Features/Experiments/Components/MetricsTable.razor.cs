using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Experiments;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>Every metric of every treated arm against control: means, lift, the engine's interval and p-value or chance to win, and the verdict.</summary>
public partial class MetricsTable
{
    [Inject] private MoneyFormat Money { get; set; } = default!;

    /// <summary>The engine's report.</summary>
    [Parameter, EditorRequired] public ExperimentReport Report { get; set; } = default!;

    /// <summary>The options the report was read with (they name the columns).</summary>
    [Parameter, EditorRequired] public ResultsOptions Options { get; set; } = new();

    /// <summary>The revenue each customer's total was capped at, if any.</summary>
    [Parameter] public double? RevenueCap { get; set; }

    /// <summary>The chip beside a CUPED-adjusted metric; a reduction that rounds to nothing is not shown as "−0%".</summary>
    private static string CupedChip(double reductionPercent) =>
        reductionPercent < 0.5 ? "CUPED <1% var" : $"CUPED −{Display.Number(reductionPercent, 0)}% var";

    private static string OutcomeClass(MetricComparison c) => c.Outcome switch { Outcome.Improvement => "good", Outcome.Regression => "bad", _ => "" };
}
