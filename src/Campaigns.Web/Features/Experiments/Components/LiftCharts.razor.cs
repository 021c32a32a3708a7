using Campaigns.Analytics;
using Campaigns.Application.Experiments;
using Campaigns.Web.Components.Charts;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>Relative lift of every metric and arm with its interval, and each arm's cumulative conversion lift day by day.</summary>
public partial class LiftCharts
{
    private static readonly string[] ArmColours = ["var(--mud-palette-primary)", "var(--mud-palette-secondary)", "var(--mud-palette-tertiary)", "var(--mud-palette-info)"];
    private List<CurveSeries> _dailySeries = [];
    private int _dailyDays;

    /// <summary>The engine's report.</summary>
    [Parameter, EditorRequired] public ExperimentReport Report { get; set; } = default!;

    /// <summary>Each arm's cumulative conversion lift by day.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<DailyLift> Daily { get; set; } = [];

    protected override void OnParametersSet()
    {
        // Day numbers count from the experiment's first day of data; each arm's lift in points with its interval as a band.
        var first = Daily.Select(d => d.Day).DefaultIfEmpty().Min();
        double DayOf(DailyLift d) => (d.Day - first).TotalDays + 1;
        _dailyDays = Daily.Select(d => d.Day).Distinct().Count();
        _dailySeries = Daily.GroupBy(d => d.Arm).Select((g, i) => new CurveSeries($"{g.Key} (lift, pp)",
            g.OrderBy(d => d.Day).Select(d => (DayOf(d), d.Lift * 100)).ToList(), ArmColours[i % ArmColours.Length],
            g.OrderBy(d => d.Day).Select(d => (DayOf(d), d.Low * 100, d.High * 100)).ToList())).ToList();
    }

    private IReadOnlyList<(string, double, double, double, Outcome)> LiftRows => Report.Comparisons
        .Where(c => c.Lift?.Relative is not null && c.Lift.RelativeInterval is not null)
        .Select(c => ($"{c.Metric} · {c.Arm}", c.Lift!.Relative!.Value, c.Lift.RelativeInterval!.Low, c.Lift.RelativeInterval.High, c.Outcome)).ToList();
}
