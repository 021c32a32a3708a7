namespace Campaigns.Analytics.Tests;

public class VerdictRuleTests
{
    private static readonly MetricDefinition Conversion = new("conversion", MetricKind.Proportion);
    private static readonly MetricDefinition Margin = new("margin", MetricKind.Mean);
    private static readonly MetricDefinition[] Guardrails = [Margin];

    private static ArmInput Arm(string name, bool control, long n, long conversions, double marginSum, double marginSquares) =>
        new(name, control, 0.5, n, new Dictionary<string, MetricSummary>
        {
            ["conversion"] = MetricSummary.Proportion(n, conversions),
            ["margin"] = MetricSummary.Mean(n, marginSum, marginSquares),
        });

    private static Dictionary<AnalysisEngine, ExperimentReport> AllEngines(params ArmInput[] arms) =>
        Enum.GetValues<AnalysisEngine>().ToDictionary(e => e,
            e => ExperimentAnalyzer.Analyze([Conversion, Margin], arms, new AnalysisOptions { Engine = e, SequentialExpectedSampleSize = arms.Sum(a => a.Exposed) }));

    [Fact]
    public void A_guardrail_that_fell_significantly_means_do_not_ship_even_when_the_primary_metric_is_inconclusive()
    {
        // Margin per customer mean 3.0 → 2.0 (−33%), sd ≈ 5 on 5,000 customers an arm; conversion flat.
        var reports = AllEngines(Arm("A", true, 5000, 500, 15_000, 5000 * (25 + 9)), Arm("B", false, 5000, 505, 10_000, 5000 * (25 + 4)));

        var verdict = VerdictRule.Decide(reports, AnalysisEngine.Sequential, Conversion, Guardrails);

        Assert.Equal(VerdictAction.DoNotShip, verdict.Action);
        Assert.Equal("B", verdict.Reading.Arm);
        Assert.Equal("margin", verdict.Reading.Because!.Metric);
        Assert.True(verdict.EnginesAgree);
    }

    [Fact]
    public void An_engine_that_reads_the_same_data_differently_is_named()
    {
        // Significant at the fixed horizon (p ≈ 0.02), not yet for the always-valid sequential test.
        var reports = AllEngines(Arm("A", true, 1000, 100, 3000, 1000 * 34), Arm("B", false, 1000, 134, 3000, 1000 * 34));

        var verdict = VerdictRule.Decide(reports, AnalysisEngine.Sequential, Conversion, Guardrails);

        Assert.Equal(VerdictAction.NoClearWinner, verdict.Action);
        var fixedHorizon = Assert.Single(verdict.Disagreeing, r => r.Engine == AnalysisEngine.Frequentist);
        Assert.Equal(VerdictAction.Ship, fixedHorizon.Action);
        Assert.Equal("B", fixedHorizon.Arm);
    }

    [Fact]
    public void No_traffic_is_said_before_anything_else_and_every_engine_agrees()
    {
        var reports = AllEngines(Arm("A", true, 0, 0, 0, 0), Arm("B", false, 0, 0, 0, 0));

        var verdict = VerdictRule.Decide(reports, AnalysisEngine.Bayesian, Conversion, Guardrails);

        Assert.Equal(VerdictAction.NoTraffic, verdict.Action);
        Assert.Null(verdict.Reading.Arm);
        Assert.True(verdict.EnginesAgree);
        Assert.False(reports[AnalysisEngine.Bayesian].SampleRatio.HasTraffic);
    }

    [Fact]
    public void A_sample_ratio_mismatch_comes_before_any_lift()
    {
        var reports = AllEngines(Arm("A", true, 5000, 500, 15_000, 5000 * 34), Arm("B", false, 4000, 700, 15_000, 4000 * 40));

        Assert.Equal(VerdictAction.CheckSampleRatio, VerdictRule.Decide(reports, AnalysisEngine.Frequentist, Conversion, Guardrails).Action);
    }
}
