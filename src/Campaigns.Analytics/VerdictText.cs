using System.Globalization;

namespace Campaigns.Analytics;

// Plain-language summary of a comparison, e.g. "B raises conversion by 0.42 pp (95% CI +0.10 pp to +0.74 pp, +8.4% relative) — significant improvement."
// The verb carries the direction, so the amount after it has no sign; negatives use the minus sign (U+2212).
public static class VerdictText
{
    public static string For(MetricComparison c, bool sampleRatioMismatch)
    {
        var warning = sampleRatioMismatch ? " Warning: sample ratio mismatch, so the split is not as planned and results may be biased." : "";
        if (c.Status != ComparisonStatus.Ok || c.Lift is not { } lift)
            return $"{c.Arm} vs {c.Control} on {c.Metric}: not enough data yet{(c.Note is null ? "" : $" ({c.Note})")}.{warning}";
        var level = Format(c.ConfidenceLevel * 100, "0.##");
        var label = c.Engine switch
        {
            AnalysisEngine.Bayesian => $"{level}% credible interval",
            AnalysisEngine.Sequential => $"{level}% always-valid CI",
            _ => $"{level}% CI",
        };
        var verb = lift.Absolute > 0 ? "raises" : lift.Absolute < 0 ? "lowers" : "does not change";
        // The absolute interval is the one the test decides on, so the sentence never shows an interval that
        // contradicts its verdict; the relative lift is given as a point estimate beside it.
        string Units(double x) => c.Kind == MetricKind.Proportion ? Format(x * 100, "+0.00;\u22120.00;0.00") + " pp" : Signed(x);
        string Size(double x) => c.Kind == MetricKind.Proportion ? Format(Math.Abs(x) * 100, "0.00") + " pp" : Format(Math.Abs(x), Digits(x));
        var relative = lift.Relative is { } rel ? $", {Percent(rel)} relative" : "";
        var amount = $"{Size(lift.Absolute)} ({label} {Units(lift.AbsoluteInterval.Low)} to {Units(lift.AbsoluteInterval.High)}{relative})";
        var by = lift.Absolute == 0 ? "" : " by";
        var decision = c.Bayesian is { } b
            ? $"{Format(b.ChanceToWin * 100, "0.#")}% chance to beat {c.Control}" + (c.IsSignificant ? c.Outcome == Outcome.Improvement ? ", a clear improvement" : ", a clear regression" : "")
            : c.IsSignificant
                ? c.Outcome == Outcome.Improvement ? "significant improvement" : "significant regression"
                : $"not significant ({PValue(c.AdjustedPValue ?? c.PValue ?? 1)})";
        return $"{c.Arm} {verb} {Lower(c.Metric)}{by} {amount} — {decision}.{warning}";
    }

    private static string PValue(double p) => p < 0.001 ? "p < 0.001" : $"p = {Format(p, "0.###")}";
    // "Conversion rate" reads "conversion rate" mid-sentence; an acronym such as "AOV" keeps its case.
    private static string Lower(string metric) =>
        metric.Length > 1 && char.IsUpper(metric[0]) && char.IsLower(metric[1]) ? char.ToLowerInvariant(metric[0]) + metric[1..] : metric;
    private static string Percent(double x) => Format(x * 100, "+0.0;\u22120.0;0.0") + "%";
    private static string Signed(double x) => Format(x, $"+{Digits(x)};\u2212{Digits(x)};0");
    // Amounts (money, counts per customer) read to the cent from 1 up, with more digits only where they are small.
    private static string Digits(double x) => Math.Abs(x) switch { >= 100 => "0", >= 1 => "0.00", >= 0.1 => "0.000", _ => "0.####" };
    private static string Format(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
