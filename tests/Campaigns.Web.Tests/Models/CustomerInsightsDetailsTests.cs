using Bunit;
using Campaigns.Analytics.Customers;
using Campaigns.Application.Customers;
using Campaigns.Ml.Customers;
using Campaigns.Ml.Customers.Affinity;
using Campaigns.Web.Features.Models.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Models;

/// <summary>The Models page's view of a customer-insights version: the backtest a marketer reads its quality from.</summary>
public class CustomerInsightsDetailsTests : ComponentTest
{
    private static ClassifierQuality Quality(double rate, double auc, double lift) =>
        new(1000, rate, auc, lift, Enumerable.Range(1, 10).Select(d => new CalibrationBin(d, 100, 0.9 - 0.08 * d, 0.88 - 0.08 * d)).ToList(), ClassifierQuality.BandOf(auc));

    [Fact]
    public void Shows_each_prediction_against_its_baseline_the_calibration_the_value_choice_and_the_personas()
    {
        var options = new CustomerModelOptions { ChurnDays = 90, PurchaseDays = 30 };
        var backtest = new CustomerBacktest(new DateOnly(2026, 8, 3), 1000, 90, options, Quality(0.471, 0.768, 1.73), Quality(0.471, 0.667, 1.4),
            Quality(0.249, 0.701, 1.75), Quality(0.249, 0.627, 1.2), new ValueQuality(1000, 68.83, 0.463, 5000, 5100), new ValueQuality(1000, 67.32, 0.46, 5000, 4900),
            new ValueChoice(false, null, null, 250, "the boosted model did not beat BG/NBD + Gamma-Gamma"), []);
        var metrics = new CustomerInsightsMetrics(backtest, [new Persona(1, "lapsed shoppers", 300, [1.0]), new Persona(2, "loyal big spenders", 700, [2.0])], 1000, 5000, "Promoted: the first working model.");

        var view = Render<CustomerInsightsDetails>(p => p.Add(c => c.Details, metrics));

        var rows = view.FindAll("[data-testid=customer-classifiers] tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["Churn risk: no order in 90 days | 47.1% | 0.768 | Good | 1.73× | 0.667", "Purchase propensity: an order in 30 days | 24.9% | 0.701 | Good | 1.75× | 0.627"], rows);
        Assert.Equal(10, view.FindAll("[data-testid=churn-calibration] tbody tr").Count);
        Assert.Contains("82.0%", view.Find("[data-testid=churn-calibration] tbody tr").TextContent);
        var value = Assert.Single(view.FindAll("[data-testid=customer-value] tbody tr")).TextContent;
        Assert.Contains("BG/NBD + Gamma-Gamma ✓", value);
        Assert.Contains("chosen when this version was trained", view.Find("[data-testid=customer-insights-details]").TextContent);
        Assert.Contains("spend in 90 days, pro rata", view.Find("[data-testid=customer-value] thead").TextContent);
        Assert.Equal(["loyal big spenders", "lapsed shoppers"], view.FindAll("[data-testid=personas] tbody tr td:first-child").Select(c => c.TextContent));
        Assert.Contains("before 3 Aug 2026", view.Find("[data-testid=customer-insights-details]").TextContent);
    }

    [Fact]
    public void Shows_the_blend_served_and_every_blend_the_value_backtest_compared()
    {
        static ValueQuality Value(double error, double capture) => new(1000, error, capture, 5000, 5000);
        var candidates = ValueChoice.Weights.Select((w, k) => new ValueCandidate(w, Value(70 - k, 0.50 + 0.01 * k - (k == 4 ? 0.03 : 0)))).ToList();
        var choice = new ValueChoice(true, candidates[^1].Quality, candidates[0].Quality, 1200, "75% gradient-boosted + 25% BG/NBD + Gamma-Gamma: its top 20% captured 53.0%",
            0.75, new DateOnly(2025, 11, 26), candidates);
        var backtest = new CustomerBacktest(new DateOnly(2026, 8, 3), 1000, 90, new CustomerModelOptions(), Quality(0.4, 0.7, 1.5), Quality(0.4, 0.6, 1.2),
            Quality(0.2, 0.7, 1.5), Quality(0.2, 0.6, 1.2), Value(60, 0.47), Value(61, 0.46), choice, []);

        var view = Render<CustomerInsightsDetails>(p => p.Add(c => c.Details, new CustomerInsightsMetrics(backtest, [], 1000, 5000, "Promoted.")));

        var served = view.FindAll("[data-testid=customer-value] tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        Assert.Equal(["75% gradient-boosted + 25% BG/NBD + Gamma-Gamma ✓", "BG/NBD + Gamma-Gamma"], served);
        var blends = view.FindAll("[data-testid=value-choice] tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(5, blends.Count);
        Assert.StartsWith("75% ✓ |", blends[3]);
        Assert.EndsWith("53.0%", blends[3]);
        Assert.DoesNotContain("✓", blends[4]);
        Assert.Contains("trained before 26 Nov 2025, judged on the spend of 1,200 customers", view.Find("[data-testid=customer-insights-details]").TextContent);
    }

    [Fact]
    public void Shows_the_affinity_recommender_against_popularity_and_dashes_when_popularity_was_served()
    {
        static AffinityQuality Affinity(double precision, double recall, double categoryPrecision, double hits) =>
            new(new RecommendationQuality(800, 10, precision, recall, 0.5), new RecommendationQuality(800, 3, categoryPrecision, hits, hits));
        var options = new CustomerModelOptions { AffinityDays = 90 };
        CustomerInsightsMetrics Metrics(bool factorization) => new(new CustomerBacktest(new DateOnly(2026, 9, 5), 1000, 90, options, Quality(0.4, 0.7, 1.5),
            Quality(0.4, 0.6, 1.2), Quality(0.2, 0.7, 1.5), Quality(0.2, 0.6, 1.2), new ValueQuality(1000, 60, 0.46, 5000, 5000), new ValueQuality(1000, 61, 0.46, 5000, 5000),
            new ValueChoice(true, null, null, 250, "the boosted model beat BG/NBD + Gamma-Gamma"), [],
            factorization ? Affinity(0.067, 0.354, 0.284, 0.768) : Affinity(0.012, 0.066, 0.139, 0.386), Affinity(0.012, 0.066, 0.139, 0.386),
            new AffinityChoice(factorization, null, null, 200, factorization ? "the factorization beat popularity on precision@10" : "the factorization did not beat popularity on precision@10")),
            [], 1000, 5000, "Promoted.");

        string[] Rows(CustomerInsightsMetrics m) => Render<CustomerInsightsDetails>(p => p.Add(c => c.Details, m))
            .FindAll("[data-testid=customer-affinity] tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToArray();

        Assert.Equal(["Learned from each customer's purchases ✓ | 0.067 | 0.354 | 0.284 | 0.768", "Most popular products | 0.012 | 0.066 | 0.139 | 0.386"], Rows(Metrics(true)));
        Assert.Equal(["Learned from each customer's purchases | — | — | — | —", "Most popular products ✓ | 0.012 | 0.066 | 0.139 | 0.386"], Rows(Metrics(false)));
    }
}
