namespace Campaigns.Analytics.Tests;

public class SampleRatioMismatchTests
{
    [Fact]
    public void Chi_square_and_p_value_match_the_reference()
    {
        foreach (var c in Fixtures.Cases("srm"))
        {
            var observed = c.GetProperty("observed").EnumerateArray().Select(x => (long)x.GetDouble()).ToList();
            var allocation = c.GetProperty("allocation").EnumerateArray().Select(x => x.GetDouble()).ToList();
            var r = SampleRatioMismatch.Test(observed, allocation);
            Fixtures.Close(c.D("chiSquare"), r.ChiSquare, 1e-12);
            Fixtures.Close(c.D("pValue"), r.PValue, 1e-9, 1e-300);
            Assert.Equal(c.D("pValue") < 0.001, r.IsMismatch);
        }
    }

    [Fact]
    public void No_traffic_is_not_a_mismatch() => Assert.False(SampleRatioMismatch.Test([0, 0], [0.5, 0.5]) is { IsMismatch: true } or { PValue: < 1 });

    [Fact]
    public void Units_in_an_arm_planned_at_zero_are_a_mismatch() => Assert.True(SampleRatioMismatch.Test([100, 5], [1, 0]).IsMismatch);
}

public class MultipleComparisonsTests
{
    [Fact]
    public void Holm_and_benjamini_hochberg_match_the_reference()
    {
        var f = Fixtures.Root.GetProperty("multipleComparisons");
        var p = f.GetProperty("pValues").EnumerateArray().Select(x => x.GetDouble()).ToList();
        var holm = MultipleComparisons.Adjust(p, CorrectionMethod.Holm);
        var bh = MultipleComparisons.Adjust(p, CorrectionMethod.BenjaminiHochberg);
        foreach (var (e, a) in f.GetProperty("holm").EnumerateArray().Zip(holm)) Fixtures.Close(e.GetDouble(), a, 1e-12);
        foreach (var (e, a) in f.GetProperty("benjaminiHochberg").EnumerateArray().Zip(bh)) Fixtures.Close(e.GetDouble(), a, 1e-12);
    }

    [Fact]
    public void Holm_on_a_textbook_example_multiplies_by_the_remaining_count()
    {
        // p = (0.01, 0.04, 0.03): sorted 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.06, 0.04·1) = 0.06.
        Assert.Equal([0.03, 0.06, 0.06], Holm.Adjust([0.01, 0.04, 0.03]).Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void Adjusted_p_values_never_fall_below_the_raw_ones()
    {
        double[] p = [0.2, 0.001, 0.5, 0.049];
        foreach (var method in Enum.GetValues<CorrectionMethod>())
            Assert.All(MultipleComparisons.Adjust(p, method).Zip(p), x => Assert.True(x.First >= x.Second));
    }
}

public class WinsorizationTests
{
    [Fact]
    public void Values_above_the_cap_are_replaced_by_it()
    {
        var s = Winsorization.Summarize([1, 2, 3, 1000], 10);
        Assert.Equal(new MetricSummary(4, 16, 114), s);
    }

    [Fact]
    public void Capping_at_a_sketch_percentile_tames_a_huge_outlier()
    {
        var values = Enumerable.Range(1, 1000).Select(i => (double)i).Append(1e9).ToList();
        var (cap, summary) = Winsorization.SummarizeAtPercentile(values, 0.99);
        Assert.InRange(cap, 990 * 0.99, 991 * 1.01);
        Assert.True(summary.Sum < 1e6);
    }
}

public class QuantileSketchTests
{
    [Fact]
    public void Quantiles_are_within_the_relative_accuracy_and_sketches_merge()
    {
        var rng = new Gaussian(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(rng.Next(3, 1))).ToList();
        var a = new QuantileSketch(0.01);
        var b = new QuantileSketch(0.01);
        for (var i = 0; i < values.Count; i++) (i % 2 == 0 ? a : b).Add(values[i]);
        a.Merge(b);
        var sorted = values.Order().ToList();
        foreach (var q in new[] { 0.01, 0.5, 0.9, 0.99, 0.999 })
        {
            var exact = sorted[(int)Math.Floor(q * (sorted.Count - 1))];
            Assert.InRange(a.Quantile(q), exact * 0.99, exact * 1.01);
        }
    }

    [Fact]
    public void Zeros_and_negatives_are_ordered_correctly()
    {
        var s = new QuantileSketch();
        foreach (var v in new double[] { -5, 0, 0, 3, 7 }) s.Add(v);
        Assert.InRange(s.Quantile(0), -5.05, -4.95);
        Assert.Equal(0, s.Quantile(0.5));
        Assert.InRange(s.Quantile(1), 6.93, 7.07);
        Assert.Equal(0, new QuantileSketch().Quantile(0.5));
    }
}
