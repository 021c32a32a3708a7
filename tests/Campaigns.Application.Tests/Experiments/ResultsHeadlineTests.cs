using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Experiments;

namespace Campaigns.Application.Tests.Experiments;

public class ResultsHeadlineTests
{
    private static readonly MetricDefinition[] Metrics = [ExperimentMetrics.Conversion, ExperimentMetrics.MarginPerCustomer];
    private static readonly MetricDefinition[] Guardrails = [ExperimentMetrics.MarginPerCustomer];
    private static readonly MoneyFormat Money = new("EUR");

    private static ArmInput Arm(string name, bool control, long n, long conversions, double marginMean, double marginSd) =>
        new(name, control, 0.5, n, new Dictionary<string, MetricSummary>
        {
            [ExperimentMetrics.Conversion.Name] = MetricSummary.Proportion(n, conversions),
            [ExperimentMetrics.MarginPerCustomer.Name] = MetricSummary.Mean(n, n * marginMean, n * (marginSd * marginSd + marginMean * marginMean)),
        });

    private static string Headline(AnalysisEngine shown, params ArmInput[] arms)
    {
        var reports = Enum.GetValues<AnalysisEngine>().ToDictionary(e => e,
            e => ExperimentAnalyzer.Analyze(Metrics, arms, new AnalysisOptions { Engine = e, SequentialExpectedSampleSize = Math.Max(1000, arms.Sum(a => a.Exposed)) }));
        return ResultsHeadline.Write(VerdictRule.Decide(reports, shown, ExperimentMetrics.Primary, Guardrails), reports[shown], Money);
    }

    [Fact]
    public void A_margin_that_fell_significantly_reads_do_not_ship_even_with_no_winner_on_conversion()
    {
        // The walk-through's case: conversion flat, margin per customer down by a third.
        var headline = Headline(AnalysisEngine.Sequential, Arm("Control", true, 5000, 500, 3.0, 5), Arm("B", false, 5000, 505, 2.0, 5));

        Assert.StartsWith("Do not ship B as is: margin per exposed customer fell by 33.3%.", headline);
        Assert.DoesNotContain("no clear winner", headline, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Engines differ", headline);
    }

    [Fact]
    public void Engines_that_read_the_data_differently_are_explained()
    {
        var headline = Headline(AnalysisEngine.Sequential, Arm("Control", true, 1000, 100, 3.0, 5), Arm("B", false, 1000, 134, 3.0, 5));

        Assert.StartsWith("No clear winner yet", headline);
        Assert.Contains("The sequential test has not yet reached significance; the fixed-horizon test, valid only at the planned sample size, has reached significance (ship B).", headline);
    }

    [Fact]
    public void No_traffic_says_so_instead_of_a_split_as_planned()
    {
        var headline = Headline(AnalysisEngine.Sequential, Arm("Control", true, 0, 0, 0, 0), Arm("B", false, 0, 0, 0, 0));

        Assert.StartsWith("No traffic yet", headline);
        Assert.DoesNotContain("sample ratio", headline);
    }
}
