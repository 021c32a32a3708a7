using System.Text.Json;

namespace Campaigns.Analytics.Tests;

public class ExperimentAnalyzerTests
{
    private static readonly MetricDefinition Conversion = new("conversion", MetricKind.Proportion);
    private static readonly MetricDefinition Revenue = new("revenue", MetricKind.Mean);
    private static readonly MetricDefinition OrderValue = new("order value", MetricKind.Ratio);
    private static readonly MetricDefinition Refunds = new("refunds", MetricKind.Proportion, HigherIsBetter: false);

    private static ArmInput Arm(string name, bool control, long n, params (string Metric, MetricSummary Summary)[] metrics) =>
        new(name, control, 0.5, n, metrics.ToDictionary(m => m.Metric, m => m.Summary));

    private static ArmInput[] Conversions(long c0, long n0, long c1, long n1) =>
        [Arm("A", true, n0, ("conversion", MetricSummary.Proportion(n0, c0))), Arm("B", false, n1, ("conversion", MetricSummary.Proportion(n1, c1)))];

    [Fact]
    public void Frequentist_conversion_result_matches_the_two_proportion_reference_and_reads_plainly()
    {
        var c = Fixtures.Cases("twoProportion").First();
        var r = ExperimentAnalyzer.Analyze([Conversion], Conversions(c.L("c0"), c.L("n0"), c.L("c1"), c.L("n1"))).Comparisons.Single();
        Fixtures.Close(c.D("pValue"), r.PValue!.Value);
        Fixtures.Close(c.D("low"), r.Lift!.AbsoluteInterval.Low);
        Assert.Equal(Outcome.Improvement, r.Outcome);
    }

    [Fact]
    public void Verdict_reads_like_a_sentence()
    {
        var r = ExperimentAnalyzer.Analyze([Conversion], Conversions(100, 1000, 140, 1000)).Comparisons.Single();
        Assert.Equal("B raises conversion by 4.00 pp (95% CI +1.16 pp to +6.84 pp, +40.0% relative) — significant improvement.", r.Verdict);
        var flat = ExperimentAnalyzer.Analyze([Conversion], Conversions(100, 1000, 104, 1000)).Comparisons.Single();
        Assert.StartsWith("B raises conversion by 0.40 pp (95% CI ", flat.Verdict);
        Assert.EndsWith("— not significant (p = 0.768).", flat.Verdict);
    }

    [Fact]
    public void A_fall_is_said_by_the_verb_with_a_positive_amount_and_minus_signs_in_the_interval()
    {
        var r = ExperimentAnalyzer.Analyze([Conversion], Conversions(140, 1000, 100, 1000)).Comparisons.Single();
        Assert.Equal("B lowers conversion by 4.00 pp (95% CI \u22126.84 pp to \u22121.16 pp, \u221228.6% relative) — significant regression.", r.Verdict);
    }

    [Fact]
    public void Ratio_metric_is_analysed_by_the_delta_method()
    {
        var f = Fixtures.Root.GetProperty("ratio");
        MetricSummary S(string arm) { var a = f.GetProperty(arm); return MetricSummary.Ratio(a.L("n"), a.D("sumX"), a.D("sumY"), a.D("sumX2"), a.D("sumY2"), a.D("sumXY")); }
        var arms = new[] { Arm("A", true, 10, ("order value", S("control"))), Arm("B", false, 11, ("order value", S("treatment"))) };
        var r = ExperimentAnalyzer.Analyze([OrderValue], arms).Comparisons.Single();
        Fixtures.Close(f.D("diff"), r.Lift!.Absolute, 1e-10);
        Fixtures.Close(f.D("low"), r.Lift.AbsoluteInterval.Low, 1e-8);
        Fixtures.Close(f.D("high"), r.Lift.AbsoluteInterval.High, 1e-8);
        Fixtures.Close(f.D("pValue"), r.PValue!.Value, 1e-8);
    }

    [Fact]
    public void Bayesian_engine_reports_chance_to_win_and_both_risks()
    {
        var c = Fixtures.Cases("beta").ElementAt(1);
        var r = ExperimentAnalyzer.Analyze([Conversion], Conversions(c.L("c0"), c.L("n0"), c.L("c1"), c.L("n1")), new AnalysisOptions { Engine = AnalysisEngine.Bayesian }).Comparisons.Single();
        Fixtures.Close(c.D("probTreatmentHigher"), r.Bayesian!.ChanceToWin, 1e-9);
        Fixtures.Close(c.D("excessControlOverTreatment"), r.Bayesian.RiskOfChoosingTreatment, 1e-8);
        Fixtures.Close(c.D("excessTreatmentOverControl"), r.Bayesian.RiskOfKeepingControl, 1e-8);
        Fixtures.Close(c.D("diffQ025"), r.Lift!.AbsoluteInterval.Low, 1e-6, 1e-9);
        Assert.Null(r.PValue);
        Assert.Equal(Outcome.Improvement, r.Outcome);
        Assert.Contains("97.5% chance to beat A", r.Verdict);
    }

    [Fact]
    public void Lower_is_better_metrics_flip_the_chance_to_win_and_the_outcome()
    {
        var arms = new[] { Arm("A", true, 1000, ("refunds", MetricSummary.Proportion(1000, 120))), Arm("B", false, 1000, ("refunds", MetricSummary.Proportion(1000, 150))) };
        var f = ExperimentAnalyzer.Analyze([Refunds], arms).Comparisons.Single();
        Assert.Equal(Outcome.Regression, f.Outcome);
        var b = ExperimentAnalyzer.Analyze([Refunds], arms, new AnalysisOptions { Engine = AnalysisEngine.Bayesian }).Comparisons.Single();
        Assert.True(b.Bayesian!.ChanceToWin < 0.05);
        Assert.True(b.Bayesian.RiskOfChoosingTreatment > b.Bayesian.RiskOfKeepingControl);
    }

    [Fact]
    public void Cuped_reduces_the_variance_and_reports_by_how_much()
    {
        var f = Fixtures.Root.GetProperty("cuped");
        MetricSummary S(string arm)
        {
            var a = f.GetProperty(arm);
            return MetricSummary.Mean(a.L("n"), a.D("sum"), a.D("sumSquares")).WithCovariate(a.D("sumPre"), a.D("sumPre2"), a.D("sumValuePre"));
        }
        var arms = new[] { Arm("A", true, 400, ("revenue", S("control"))), Arm("B", false, 400, ("revenue", S("treatment"))) };
        var plain = ExperimentAnalyzer.Analyze([Revenue], arms).Comparisons.Single();
        var cuped = ExperimentAnalyzer.Analyze([Revenue], arms, new AnalysisOptions { UseCuped = true }).Comparisons.Single();
        Fixtures.Close(f.D("varianceReductionPercent"), cuped.Cuped!.VarianceReductionPercent, 1e-7);
        Fixtures.Close(f.D("treatmentAdjustedMean") - f.D("controlAdjustedMean"), cuped.Lift!.Absolute, 1e-9);
        var width = (LiftEstimate l) => l.AbsoluteInterval.High - l.AbsoluteInterval.Low;
        Assert.True(width(cuped.Lift) < 0.7 * width(plain.Lift!));
    }

    [Fact]
    public void Correction_applies_across_arms_and_metrics()
    {
        var arms = new[]
        {
            new ArmInput("A", true, 1, 1000, new Dictionary<string, MetricSummary> { ["conversion"] = MetricSummary.Proportion(1000, 100), ["revenue"] = MetricSummary.Mean(1000, 5000, 60000) }),
            new ArmInput("B", false, 1, 1000, new Dictionary<string, MetricSummary> { ["conversion"] = MetricSummary.Proportion(1000, 125), ["revenue"] = MetricSummary.Mean(1000, 5300, 64000) }),
            new ArmInput("C", false, 1, 1000, new Dictionary<string, MetricSummary> { ["conversion"] = MetricSummary.Proportion(1000, 105), ["revenue"] = MetricSummary.Mean(1000, 5050, 61000) }),
        };
        var none = ExperimentAnalyzer.Analyze([Conversion, Revenue], arms).Comparisons;
        var holm = ExperimentAnalyzer.Analyze([Conversion, Revenue], arms, new AnalysisOptions { Correction = CorrectionMethod.Holm }).Comparisons;
        var expected = Holm.Adjust(none.Select(c => c.PValue!.Value).ToList());
        Assert.Equal(4, holm.Count);
        foreach (var (c, e) in holm.Zip(expected)) Fixtures.Close(e, c.AdjustedPValue!.Value, 1e-12);
    }

    [Fact]
    public void Sample_ratio_mismatch_is_flagged_and_warned_about()
    {
        var arms = new[] { Arm("A", true, 10_300, ("conversion", MetricSummary.Proportion(10_300, 500))), Arm("B", false, 9_700, ("conversion", MetricSummary.Proportion(9_700, 480))) };
        var report = ExperimentAnalyzer.Analyze([Conversion], arms);
        Assert.True(report.SampleRatio.IsMismatch);
        Assert.Contains("sample ratio mismatch", report.Comparisons[0].Verdict);
    }

    [Fact]
    public void An_aa_test_is_significant_about_five_percent_of_the_time()
    {
        var rng = new Gaussian(12345);
        var metrics = new[] { Conversion, Revenue };
        int conversionHits = 0, revenueHits = 0;
        const int experiments = 2000, n = 500;
        for (var e = 0; e < experiments; e++)
        {
            var arms = new[] { true, false }.Select(isControl =>
            {
                long conversions = 0;
                var revenue = new MetricAccumulator();
                for (var i = 0; i < n; i++)
                {
                    if (rng.Bernoulli(0.2)) conversions++;
                    revenue.Add(Math.Exp(rng.Next(2, 0.8))); // skewed, like revenue
                }
                return new ArmInput(isControl ? "A" : "B", isControl, 0.5, n,
                    new Dictionary<string, MetricSummary> { ["conversion"] = MetricSummary.Proportion(n, conversions), ["revenue"] = revenue.ToSummary() });
            }).ToArray();
            var report = ExperimentAnalyzer.Analyze(metrics, arms);
            if (report.Comparisons[0].PValue < 0.05) conversionHits++;
            if (report.Comparisons[1].PValue < 0.05) revenueHits++;
        }
        Assert.InRange(conversionHits / (double)experiments, 0.035, 0.065);
        Assert.InRange(revenueHits / (double)experiments, 0.035, 0.065);
    }

    [Fact]
    public void Configuration_mistakes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ExperimentAnalyzer.Analyze([Conversion], [Arm("A", false, 1), Arm("B", false, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentAnalyzer.Analyze([Conversion], Conversions(1, 10, 1, 10), new AnalysisOptions { ConfidenceLevel = 1 }));
    }
}

public class ExperimentAnalyzerEdgeCaseTests
{
    private static readonly MetricDefinition[] Metrics = [new("conversion", MetricKind.Proportion), new("revenue", MetricKind.Mean), new("order value", MetricKind.Ratio)];

    private static ArmInput Arm(string name, bool control, MetricSummary conversion, MetricSummary revenue, MetricSummary orderValue) =>
        new(name, control, 0.5, conversion.N, new Dictionary<string, MetricSummary> { ["conversion"] = conversion, ["revenue"] = revenue, ["order value"] = orderValue });

    public static TheoryData<string, ArmInput, ArmInput> Cases() => new()
    {
        { "zero conversions", Arm("A", true, MetricSummary.Proportion(1000, 0), MetricSummary.Mean(1000, 0, 0), MetricSummary.Ratio(1000, 0, 0, 0, 0, 0)),
                              Arm("B", false, MetricSummary.Proportion(1000, 0), MetricSummary.Mean(1000, 0, 0), MetricSummary.Ratio(1000, 0, 0, 0, 0, 0)) },
        { "empty arm", Arm("A", true, MetricSummary.Proportion(1000, 50), MetricSummary.Mean(1000, 900, 4000), MetricSummary.Ratio(1000, 900, 60, 40000, 80, 1500)),
                       Arm("B", false, MetricSummary.Proportion(0, 0), MetricSummary.Mean(0, 0, 0), MetricSummary.Ratio(0, 0, 0, 0, 0, 0)) },
        { "identical arms", Arm("A", true, MetricSummary.Proportion(1000, 50), MetricSummary.Mean(1000, 900, 4000), MetricSummary.Ratio(1000, 900, 60, 40000, 80, 1500)),
                            Arm("B", false, MetricSummary.Proportion(1000, 50), MetricSummary.Mean(1000, 900, 4000), MetricSummary.Ratio(1000, 900, 60, 40000, 80, 1500)) },
        { "single user", Arm("A", true, MetricSummary.Proportion(1, 1), MetricSummary.Mean(1, 30, 900), MetricSummary.Ratio(1, 30, 1, 900, 1, 30)),
                         Arm("B", false, MetricSummary.Proportion(1, 0), MetricSummary.Mean(1, 0, 0), MetricSummary.Ratio(1, 0, 0, 0, 0, 0)) },
        { "zero variance", Arm("A", true, MetricSummary.Proportion(500, 500), MetricSummary.Mean(500, 2500, 12500), MetricSummary.Ratio(500, 500, 500, 500, 500, 500)),
                           Arm("B", false, MetricSummary.Proportion(500, 500), MetricSummary.Mean(500, 3000, 18000), MetricSummary.Ratio(500, 1000, 500, 2000, 500, 1000)) },
        { "huge outlier", Arm("A", true, MetricSummary.Proportion(1000, 50), MetricSummary.Mean(1000, 900, 4000), MetricSummary.Ratio(1000, 900, 60, 40000, 80, 1500)),
                          Arm("B", false, MetricSummary.Proportion(1000, 51), MetricSummary.Mean(1000, 1e12 + 900, 1e24 + 4000), MetricSummary.Ratio(1000, 1e12, 61, 1e24, 81, 1e12)) },
        { "overflowed sums", Arm("A", true, MetricSummary.Proportion(1000, 50), MetricSummary.Mean(1000, 900, 4000), MetricSummary.Ratio(1000, 900, 60, 40000, 80, 1500)),
                             Arm("B", false, MetricSummary.Proportion(1000, 51), MetricSummary.Mean(1000, 1e200, double.PositiveInfinity), MetricSummary.Ratio(1000, 1e200, 61, double.PositiveInfinity, 81, 1e200)) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_engine_gives_finite_defined_answers(string name, ArmInput control, ArmInput treatment)
    {
        foreach (var engine in Enum.GetValues<AnalysisEngine>())
        {
            var report = ExperimentAnalyzer.Analyze(Metrics, [control, treatment], new AnalysisOptions { Engine = engine, Correction = CorrectionMethod.BenjaminiHochberg, UseCuped = true });
            // System.Text.Json refuses NaN and infinities, so serializing proves there are none.
            var json = JsonSerializer.Serialize(report);
            Assert.False(string.IsNullOrEmpty(json), name);
            foreach (var c in report.Comparisons)
            {
                Assert.False(string.IsNullOrWhiteSpace(c.Verdict));
                if (c.PValue is { } p) Assert.InRange(p, 0, 1);
                if (c.Bayesian is { } b) Assert.InRange(b.ChanceToWin, 0, 1);
                if (c.Status != ComparisonStatus.Ok)
                {
                    Assert.Null(c.Lift);
                    Assert.Equal(Outcome.NotEnoughData, c.Outcome);
                    Assert.Contains("not enough data", c.Verdict);
                }
            }
        }
    }

    [Fact]
    public void Identical_arms_have_p_one_and_no_lift()
    {
        var (_, a, b) = ((string, ArmInput, ArmInput))(Cases().ElementAt(2) switch { var row => ((string)row[0], (ArmInput)row[1], (ArmInput)row[2]) });
        foreach (var c in ExperimentAnalyzer.Analyze(Metrics, [a, b]).Comparisons)
        {
            Fixtures.Close(1, c.PValue!.Value, 1e-12);
            Assert.Equal(0, c.Lift!.Absolute);
            Assert.Equal(Outcome.Inconclusive, c.Outcome);
        }
    }

    [Fact]
    public void An_empty_arm_means_not_enough_data_with_p_one()
    {
        var row = Cases().ElementAt(1);
        var c = ExperimentAnalyzer.Analyze(Metrics, [(ArmInput)row[1], (ArmInput)row[2]]).Comparisons[0];
        Assert.Equal(ComparisonStatus.NotEnoughData, c.Status);
        Assert.Equal(1, c.PValue);
        Assert.StartsWith("B vs A on conversion: not enough data yet (each arm needs at least two units).", c.Verdict);
    }

    [Fact]
    public void Zero_conversions_in_both_arms_has_p_one_and_no_relative_lift()
    {
        var row = Cases().ElementAt(0);
        var c = ExperimentAnalyzer.Analyze(Metrics, [(ArmInput)row[1], (ArmInput)row[2]]).Comparisons[0];
        Assert.Equal(1, c.PValue);
        Assert.Null(c.Lift!.Relative);
        Assert.Equal(new Interval(0, 0), c.Lift.AbsoluteInterval);
        var bayes = ExperimentAnalyzer.Analyze(Metrics, [(ArmInput)row[1], (ArmInput)row[2]], new AnalysisOptions { Engine = AnalysisEngine.Bayesian }).Comparisons[0];
        Fixtures.Close(0.5, bayes.Bayesian!.ChanceToWin, 1e-9);
    }
}
