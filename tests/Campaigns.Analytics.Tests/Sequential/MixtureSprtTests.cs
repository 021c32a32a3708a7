namespace Campaigns.Analytics.Tests;

public class MixtureSprtTests
{
    [Fact]
    public void Rho_half_width_and_always_valid_p_value_match_the_reference()
    {
        foreach (var c in Fixtures.Cases("sequential"))
        {
            var rho = MixtureSprt.Rho(c.D("alpha"), c.D("expectedN"));
            Fixtures.Close(c.D("rho"), rho, 1e-12);
            Fixtures.Close(c.D("halfWidth"), MixtureSprt.HalfWidth(c.D("se"), c.L("n"), rho, c.D("alpha")), 1e-10);
            Fixtures.Close(c.D("pValue"), MixtureSprt.AlwaysValidPValue(c.D("diff"), c.D("se"), c.L("n"), rho), 1e-9);
        }
    }

    [Fact]
    public void The_interval_excludes_zero_exactly_when_the_p_value_is_below_alpha()
    {
        var rho = MixtureSprt.Rho(0.05, 5000);
        foreach (var diff in new[] { 0.005, 0.01, 0.012, 0.015, 0.02 })
        {
            var half = MixtureSprt.HalfWidth(0.004, 20000, rho, 0.05);
            Assert.Equal(Math.Abs(diff) > half, MixtureSprt.AlwaysValidPValue(diff, 0.004, 20000, rho) < 0.05);
        }
    }

    [Fact]
    public void The_sequence_is_wider_than_the_fixed_horizon_interval()
    {
        var rho = MixtureSprt.Rho(0.05, 5000);
        Assert.True(MixtureSprt.HalfWidth(1, 5000, rho, 0.05) > 1.96);
    }

    [Fact]
    public void Peeking_after_every_batch_keeps_the_sequence_coverage_but_not_the_fixed_interval_coverage()
    {
        // 600 A/A experiments with a true difference of 0.3, read after each of 60 batches of 25 units per arm.
        var rng = new Gaussian(2021);
        const int experiments = 600, batches = 60, batch = 25;
        const double truth = 0.3;
        var metric = new MetricDefinition("value", MetricKind.Mean);
        int sequentialMisses = 0, fixedMisses = 0;
        for (var e = 0; e < experiments; e++)
        {
            var control = new MetricAccumulator();
            var treatment = new MetricAccumulator();
            bool seqMissed = false, fixMissed = false;
            for (var b = 1; b <= batches; b++)
            {
                for (var i = 0; i < batch; i++) { control.Add(rng.Next(10, 2)); treatment.Add(rng.Next(10 + truth, 2)); }
                var arms = new[]
                {
                    new ArmInput("A", true, 0.5, b * batch, new Dictionary<string, MetricSummary> { ["value"] = control.ToSummary() }),
                    new ArmInput("B", false, 0.5, b * batch, new Dictionary<string, MetricSummary> { ["value"] = treatment.ToSummary() }),
                };
                var seq = ExperimentAnalyzer.Analyze([metric], arms, new AnalysisOptions { Engine = AnalysisEngine.Sequential, SequentialExpectedSampleSize = 3000 }).Comparisons[0];
                var fix = ExperimentAnalyzer.Analyze([metric], arms, new AnalysisOptions { Engine = AnalysisEngine.Frequentist }).Comparisons[0];
                seqMissed |= !seq.Lift!.AbsoluteInterval.Contains(truth);
                fixMissed |= !fix.Lift!.AbsoluteInterval.Contains(truth);
            }
            if (seqMissed) sequentialMisses++;
            if (fixMissed) fixedMisses++;
        }
        Assert.True(1 - (double)sequentialMisses / experiments >= 0.94, $"sequence coverage {1 - (double)sequentialMisses / experiments:P1}");
        Assert.True(1 - (double)fixedMisses / experiments < 0.85, $"fixed-horizon coverage {1 - (double)fixedMisses / experiments:P1}");
    }
}
