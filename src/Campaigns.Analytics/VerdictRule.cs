namespace Campaigns.Analytics;

// The one rule behind every experiment verdict (page, API, CSV). Data checks come first (traffic, split, enough units),
// then guardrails — a significant fall in one blocks shipping whatever the primary metric says — then the primary metric.
// Every engine is read by the same rule, so the verdict can say which engines disagree instead of hiding it.
public static class VerdictRule
{
    /// <summary>Reads the shown engine's report and lists the engines whose reading differs.</summary>
    public static Verdict Decide(IReadOnlyDictionary<AnalysisEngine, ExperimentReport> reports, AnalysisEngine shown, MetricDefinition primaryMetric, IReadOnlyCollection<MetricDefinition> guardrails)
    {
        if (!reports.TryGetValue(shown, out var report)) throw new ArgumentException($"No report for the {shown} engine.", nameof(reports));
        var reading = Read(report, primaryMetric, guardrails);
        var disagreeing = reports.Where(r => r.Key != shown).Select(r => Read(r.Value, primaryMetric, guardrails))
            .Where(r => r.Action != reading.Action || (r.IsConclusive && r.Arm != reading.Arm)).OrderBy(r => r.Engine).ToList();
        return new Verdict(reading, disagreeing);
    }

    public static EngineReading Read(ExperimentReport report, MetricDefinition primaryMetric, IReadOnlyCollection<MetricDefinition> guardrails)
    {
        var engine = report.Options.Engine;
        if (!report.SampleRatio.HasTraffic) return new EngineReading(engine, VerdictAction.NoTraffic, null, null);
        if (report.SampleRatio.IsMismatch) return new EngineReading(engine, VerdictAction.CheckSampleRatio, null, null);
        var primary = report.For(primaryMetric).Where(c => c is { Status: ComparisonStatus.Ok, Lift: not null }).ToList();
        if (primary.Count == 0) return new EngineReading(engine, VerdictAction.NotEnoughData, null, report.For(primaryMetric).FirstOrDefault());

        // The arm a manager would ship: the best on the primary metric, in its good direction.
        var best = primary.OrderByDescending(c => c.HigherIsBetter ? c.Lift!.Absolute : -c.Lift!.Absolute).First();
        var fallen = report.Comparisons
            .Where(c => c.Arm == best.Arm && c.Metric != primaryMetric.Name && guardrails.Any(g => g.Name == c.Metric) && c.Outcome == Outcome.Regression)
            .OrderBy(c => (c.HigherIsBetter ? 1 : -1) * (c.Lift?.Relative ?? 0)).FirstOrDefault();
        if (fallen is not null) return new EngineReading(engine, VerdictAction.DoNotShip, best.Arm, fallen);
        var action = best.Outcome switch
        {
            Outcome.Improvement => VerdictAction.Ship,
            Outcome.Regression => VerdictAction.Stop,
            _ => VerdictAction.NoClearWinner,
        };
        return new EngineReading(engine, action, best.Arm, best);
    }
}
