using System.Text;
using Campaigns.Application.Common.Formatting;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Charts;

/// <summary>One curve: its points, and optionally the interval around it at the same x values.</summary>
public sealed record CurveSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Colour,
    IReadOnlyList<(double X, double Low, double High)>? Band = null, bool Dashed = false);

public partial class CurveChart
{
    private const int Width = 640, Height = 300, Left = 84, Right = 16, Top = 24, Bottom = 46;
    private AxisScale _x = AxisScale.For(0, 1), _y = AxisScale.For(0, 1);

    /// <summary>The curves to draw, first one on top in the legend.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<CurveSeries> Series { get; set; } = [];

    /// <summary>An x value to mark with a vertical line (the chosen audience size, say).</summary>
    [Parameter] public double? MarkerX { get; set; }

    /// <summary>Label written beside the marker.</summary>
    [Parameter] public string? MarkerLabel { get; set; }

    /// <summary>Formats the x axis' tick labels; by default a number with as many decimals as the ticks need.</summary>
    [Parameter] public Func<double, string>? FormatX { get; set; }

    /// <summary>Whether x counts whole units (days of an experiment): ticks fall on whole numbers only.</summary>
    [Parameter] public bool WholeX { get; set; }

    /// <summary>Formats the y axis' tick labels; by default a number with as many decimals as the ticks need.</summary>
    [Parameter] public Func<double, string>? FormatY { get; set; }

    /// <summary>What the x axis measures, with its unit: "Share of customers targeted (%)".</summary>
    [Parameter] public string XTitle { get; set; } = "";

    /// <summary>What the y axis measures, with its unit: "Incremental conversions".</summary>
    [Parameter] public string YTitle { get; set; } = "";

    /// <summary>Whether the y axis keeps zero in view (true for lifts, profits and counts).</summary>
    [Parameter] public bool YFromZero { get; set; } = true;

    /// <summary>Read by screen readers.</summary>
    [Parameter] public string AriaLabel { get; set; } = "Chart";

    /// <summary>Test hook.</summary>
    [Parameter] public string TestId { get; set; } = "curve-chart";

    protected override void OnParametersSet()
    {
        var xs = Series.SelectMany(s => s.Points.Select(p => p.X)).DefaultIfEmpty(0).ToList();
        var ys = Series.SelectMany(s => s.Points.Select(p => p.Y).Concat(s.Band?.SelectMany(b => new[] { b.Low, b.High }) ?? [])).DefaultIfEmpty(0).ToList();
        _x = AxisScale.For(xs.Min(), xs.Max(), includeZero: false, ticks: 6, padding: 0, whole: WholeX);
        _y = AxisScale.For(ys.Min(), ys.Max(), includeZero: YFromZero);
    }

    private string TickX(double v) => FormatX?.Invoke(v) ?? Plain(v, _x.Step);
    private string TickY(double v) => FormatY?.Invoke(v) ?? Plain(v, _y.Step);

    /// <summary>Enough decimals to tell ticks one step apart.</summary>
    private static string Plain(double v, double step) => Display.Number(v, AxisScale.DecimalsOf(step));

    private double X(double v) => Left + (v - _x.Min) / (_x.Max - _x.Min) * (Width - Left - Right);
    private double Y(double v) => Top + (_y.Max - v) / (_y.Max - _y.Min) * (Height - Top - Bottom);

    private string LinePoints(IReadOnlyList<(double X, double Y)> points)
    {
        var sb = new StringBuilder();
        foreach (var (x, y) in points) sb.Append(Svg.N(X(x))).Append(',').Append(Svg.N(Y(y))).Append(' ');
        return sb.ToString();
    }

    private string BandPoints(IReadOnlyList<(double X, double Low, double High)> band) =>
        LinePoints(band.Select(b => (b.X, b.High)).Concat(band.Reverse().Select(b => (b.X, b.Low))).ToList());
}
