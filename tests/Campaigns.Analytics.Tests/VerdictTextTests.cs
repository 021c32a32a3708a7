namespace Campaigns.Analytics.Tests;

/// <summary>The verdict sentence beside each comparison, read by a manager.</summary>
public class VerdictTextTests
{
    private static MetricComparison Margin(double lift, double low, double high) => new()
    {
        Metric = "Margin per exposed customer", Kind = MetricKind.Mean, HigherIsBetter = true, Arm = "5 off 30", Control = "Holdout",
        Engine = AnalysisEngine.Sequential, ConfidenceLevel = 0.95, Status = ComparisonStatus.Ok, Lift = new LiftEstimate(lift, new Interval(low, high), -0.03, null),
        PValue = 0.01, AdjustedPValue = 0.02, IsSignificant = true, Outcome = Outcome.Regression,
    };

    [Fact]
    public void Amounts_of_one_or_more_read_to_two_decimals_and_small_ones_keep_their_digits()
    {
        Assert.Equal("5 off 30 lowers margin per exposed customer by 1.90 (95% always-valid CI \u22123.02 to \u22120.785, \u22123.0% relative) — significant regression.",
            VerdictText.For(Margin(-1.9037, -3.023, -0.7845), sampleRatioMismatch: false));
        Assert.Contains("by 0.0123 (", VerdictText.For(Margin(-0.0123, -0.02, -0.004), sampleRatioMismatch: false));
        Assert.Contains("by 150 (", VerdictText.For(Margin(-150.4, -200.2, -100.6), sampleRatioMismatch: false));
    }
}
