using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Campaigns.Web.Components.Charts;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

public partial class LiftChart
{
    // Right leaves room for the value written after the widest whisker.
    private const int Width = 560, Left = 200, Right = 56, RowHeight = 30;
    private AxisScale _scale = AxisScale.For(0, 0.05);

    /// <summary>
    /// One row per metric and arm: label, relative lift, its interval (0.05 = +5%) and the verdict, which colours the row: an
    /// interval clear of zero is not a finding when the corrected p-value says otherwise.
    /// </summary>
    [Parameter, EditorRequired] public IReadOnlyList<(string Label, double Value, double Low, double High, Outcome Outcome)> Rows { get; set; } = [];

    private double PlotHeight => Rows.Count * RowHeight;
    private double Height => PlotHeight + 38;

    protected override void OnParametersSet()
    {
        if (Rows.Count == 0) return;
        _scale = AxisScale.For(Rows.Min(r => Math.Min(r.Low, r.Value)), Rows.Max(r => Math.Max(r.High, r.Value)), ticks: 5);
    }

    private double X(double v) => Left + (v - _scale.Min) / (_scale.Max - _scale.Min) * (Width - Left - Right);

    private string Tick(double v) => v == 0 ? "0%" : Display.SignedPercent(v, Math.Max(0, AxisScale.DecimalsOf(_scale.Step) - 2));
}
