using System.Globalization;

namespace Campaigns.Application.Common.Formatting;

/// <summary>
/// How numbers read on every page: counts with thousands separators, fixed decimals, a real minus sign (U+2212),
/// an explicit plus on changes, p-values as "p &lt; 0.001" / "p = 0.034" (never "2.07E-06"). Money is
/// <see cref="MoneyFormat"/>'s, enum values <see cref="EnumWords"/>'.
/// </summary>
public static class Display
{
    /// <summary>The minus sign typography uses; a hyphen is narrower than the plus it stands opposite.</summary>
    public const string Minus = "\u2212";

    /// <summary>Shown where a figure is missing.</summary>
    public const string None = "—";

    /// <summary>The UI culture's number layout (en-US) with the real minus sign.</summary>
    internal static readonly NumberFormatInfo Numbers = CreateNumbers();

    /// <summary>A count: "12,345".</summary>
    public static string Count(long value) => value.ToString("N0", Numbers);

    /// <summary>A count estimated as a real number, rounded: "12,345".</summary>
    public static string Count(double value) => Round(value, 0).ToString("N0", Numbers);

    /// <summary>A number with fixed decimals: "1,234.50", "−0.25".</summary>
    public static string Number(double value, int decimals = 2) => Round(value, decimals).ToString("N" + decimals, Numbers);

    /// <summary>A change, always signed: "+1.25", "−27.20", "0.00".</summary>
    public static string Signed(double value, int decimals = 2) => (Round(value, decimals) > 0 ? "+" : "") + Number(value, decimals);

    /// <summary>A share as a percentage with fixed decimals: 0.1234 → "12.3%".</summary>
    public static string Percent(double share, int decimals = 1) => Round(share * 100, decimals).ToString("N" + decimals, Numbers) + "%";

    /// <summary>A relative change as a signed percentage: 0.052 → "+5.2%".</summary>
    public static string SignedPercent(double share, int decimals = 1) => Signed(share * 100, decimals) + "%";

    /// <summary>A difference of rates in percentage points, signed: 0.0125 → "+1.25 pp".</summary>
    public static string Points(double difference, int decimals = 2) => Signed(difference * 100, decimals) + " pp";

    /// <summary>A p-value as a reader quotes it: "p &lt; 0.001" below a thousandth, else "p = 0.034".</summary>
    public static string PValue(double p) => double.IsNaN(p) ? None : p < 0.001 ? "p < 0.001" : $"p = {p.ToString("0.000", Numbers)}";

    /// <summary>A duration in seconds: "12.3 s".</summary>
    public static string Seconds(TimeSpan duration) => Number(duration.TotalSeconds, 1) + " s";

    /// <summary>Rounds half away from zero, as people do, and never leaves a negative zero to print as "−0.00".</summary>
    internal static double Round(double value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero) is var r && r == 0 ? 0 : r;

    private static NumberFormatInfo CreateNumbers()
    {
        var format = (NumberFormatInfo)CultureInfo.GetCultureInfo("en-US").NumberFormat.Clone();
        format.NegativeSign = Minus;
        return NumberFormatInfo.ReadOnly(format);
    }
}
