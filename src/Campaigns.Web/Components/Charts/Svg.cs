using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Charts;

/// <summary>SVG helpers for the hand-drawn charts (intervals and marked points that stock charts do not draw).</summary>
public static class Svg
{
    /// <summary>Razor reads &lt;text&gt; inside code blocks as its own tag, so SVG text is written as markup.</summary>
    public static MarkupString Text(double x, double y, int size, string content, string anchor = "start") => new(
        $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{size}\" fill=\"currentColor\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(content)}</text>");

    /// <summary>Text turned to read upwards, centred on (x, y): a y axis' title.</summary>
    public static MarkupString VerticalText(double x, double y, int size, string content) => new(
        $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{size}\" fill=\"currentColor\" text-anchor=\"middle\" transform=\"rotate(-90 {N(x)} {N(y)})\">{WebUtility.HtmlEncode(content)}</text>");

    /// <summary>A number as SVG wants it, whatever the UI culture.</summary>
    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
