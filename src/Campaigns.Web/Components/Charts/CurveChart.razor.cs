using System.Text;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Charts;

/// <summary>One curve: its points, and optionally the interval around it at the same x values.</summary>
public sealed record CurveSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Colour,
    IReadOnlyList<(double X, double Low, double High)>? Band = null, bool Dashed = false);

public partial class CurveChart
{
    private const int Width = 640, Height = 280, Left = 70, Right = 16, Top = 18, Bottom = 30;
    private double _minX, _maxX, _minY, _maxY;

    /// <summary>The curves to draw, first one on top in the legend.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<CurveSeries> Series { get; set; } = [];

    /// <summary>An x value to mark with a vertical line (the chosen audience size, say).</summary>
    [Parameter] public double? MarkerX { get; set; }

    /// <summary>Label written beside the marker.</summary>
    [Parameter] public string? MarkerLabel { get; set; }

    /// <summary>Formats axis labels.</summary>
    [Parameter] public Func<double, string> FormatX { get; set; } = v => v.ToString("N0");

    /// <summary>Formats axis labels.</summary>
    [Parameter] public Func<double, string> FormatY { get; set; } = v => v.ToString("N0");

    /// <summary>What the x axis counts.</summary>
    [Parameter] public string XTitle { get; set; } = "";

    /// <summary>Read by screen readers.</summary>
    [Parameter] public string AriaLabel { get; set; } = "Chart";

    /// <summary>Test hook.</summary>
    [Parameter] public string TestId { get; set; } = "curve-chart";

    protected override void OnParametersSet()
    {
        var xs = Series.SelectMany(s => s.Points.Select(p => p.X)).DefaultIfEmpty(0).ToList();
        var ys = Series.SelectMany(s => s.Points.Select(p => p.Y).Concat(s.Band?.SelectMany(b => new[] { b.Low, b.High }) ?? [])).DefaultIfEmpty(0).ToList();
        (_minX, _maxX) = (xs.Min(), Math.Max(xs.Max(), xs.Min() + 1e-9));
        (_minY, _maxY) = (Math.Min(0, ys.Min()), Math.Max(0, ys.Max()));
        if (_maxY - _minY < 1e-12) _maxY = _minY + 1;
    }

    private double X(double v) => Left + (v - _minX) / (_maxX - _minX) * (Width - Left - Right);
    private double Y(double v) => Top + (_maxY - v) / (_maxY - _minY) * (Height - Top - Bottom);

    private string LinePoints(IReadOnlyList<(double X, double Y)> points)
    {
        var sb = new StringBuilder();
        foreach (var (x, y) in points) sb.Append(Svg.N(X(x))).Append(',').Append(Svg.N(Y(y))).Append(' ');
        return sb.ToString();
    }

    private string BandPoints(IReadOnlyList<(double X, double Low, double High)> band) =>
        LinePoints(band.Select(b => (b.X, b.High)).Concat(band.Reverse().Select(b => (b.X, b.Low))).ToList());
}
