using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;

namespace Campaigns.Application.Experiments;

/// <summary>
/// The verdict a manager reads first, in words: <see cref="VerdictRule"/>'s action, what it rests on, the sample-ratio
/// check, and why another engine reads the same data differently. Page, API and CSV all carry this one sentence.
/// </summary>
public static class ResultsHeadline
{
    public static string Write(Verdict verdict, ExperimentReport report, MoneyFormat money)
    {
        var r = verdict.Reading;
        var srm = report.SampleRatio;
        var text = r.Action switch
        {
            VerdictAction.NoTraffic => "No traffic yet: no customer has been exposed to any arm, so there is nothing to read or decide.",
            VerdictAction.CheckSampleRatio => $"Sample ratio mismatch ({Display.PValue(srm.PValue)}): traffic did not split as planned, so do not trust these results until it is explained — investigate before deciding.",
            VerdictAction.NotEnoughData => $"Not enough data yet{(r.Because?.Note is { } note ? $" ({note})" : "")} — keep collecting data; no sample ratio problem so far.",
            _ => $"{Action(r, money)}. {r.Because!.Verdict.TrimEnd('.')}; no sample ratio problem.",
        };
        var why = verdict.Disagreeing.Select(o => Disagreement(r, o, money)).ToList();
        return why.Count == 0 ? text : $"{text} Engines differ: {string.Join(" ", why)}";
    }

    private static string Action(EngineReading r, MoneyFormat money) => r.Action switch
    {
        VerdictAction.DoNotShip => $"Do not ship {r.Arm} as is: {Lower(r.Because!.Metric)} fell by {Fall(r.Because, money)}",
        VerdictAction.Ship => $"Ship {r.Arm}",
        VerdictAction.Stop => $"Stop: {r.Arm} hurts {Lower(r.Because!.Metric)}",
        _ => "No clear winner yet — extend or stop",
    };

    private static string Short(EngineReading r) => r.Action switch
    {
        VerdictAction.DoNotShip => $"do not ship {r.Arm} as is",
        VerdictAction.Ship => $"ship {r.Arm}",
        VerdictAction.Stop => $"stop {r.Arm}",
        _ => "no clear winner",
    };

    // Why two engines differ: one has reached significance and the other not yet, or both have and read differently.
    private static string Disagreement(EngineReading shown, EngineReading other, MoneyFormat money)
    {
        if (!shown.IsConclusive && other.IsConclusive)
            return Sentence($"{Name(shown.Engine)} {Conclusive(shown.Engine, false)}; {Name(other.Engine)}{Caveat(other.Engine)} {Conclusive(other.Engine, true)} ({Short(other)}).");
        if (shown.IsConclusive && !other.IsConclusive)
            return Sentence($"{Name(other.Engine)}{Caveat(other.Engine)} {Conclusive(other.Engine, false)}.");
        var because = other.Action == VerdictAction.DoNotShip ? $": {Lower(other.Because!.Metric)} fell by {Fall(other.Because, money)}" : "";
        return Sentence($"{Name(other.Engine)}{Caveat(other.Engine)} says {Short(other)}{because}.");
    }

    private static string Name(AnalysisEngine engine) => engine switch
    {
        AnalysisEngine.Sequential => "the sequential test",
        AnalysisEngine.Frequentist => "the fixed-horizon test",
        _ => "the Bayesian analysis",
    };

    private static string Caveat(AnalysisEngine engine) => engine switch
    {
        AnalysisEngine.Sequential => ", valid whenever it is read,",
        AnalysisEngine.Frequentist => ", valid only at the planned sample size,",
        _ => "",
    };

    private static string Conclusive(AnalysisEngine engine, bool yes) => (engine, yes) switch
    {
        (AnalysisEngine.Bayesian, true) => "is conclusive",
        (AnalysisEngine.Bayesian, false) => "is not yet conclusive",
        (_, true) => "has reached significance",
        _ => "has not yet reached significance",
    };

    /// <summary>How much a metric fell: relative when the control's mean allows, else in the metric's units.</summary>
    private static string Fall(MetricComparison c, MoneyFormat money) =>
        c.Lift?.Relative is { } rel ? Display.Percent(Math.Abs(rel), 1)
        : c.Unit == MetricUnit.Share ? $"{Display.Number(Math.Abs(c.Lift?.Absolute ?? 0) * 100, 2)} pp"
        : money.Format(Math.Abs(c.Lift?.Absolute ?? 0));

    private static string Lower(string metric) => metric.Length == 0 ? metric : char.ToLowerInvariant(metric[0]) + metric[1..];

    private static string Sentence(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
