namespace Campaigns.Web.Features.Experiments;

/// <summary>How lifts are written on the experiment pages.</summary>
public static class LiftFormat
{
    /// <summary>A difference of rates in percentage points, signed: "+1.25 pp".</summary>
    public static string Points(double diff) => $"{(diff >= 0 ? "+" : "")}{diff * 100:0.00} pp";
}
