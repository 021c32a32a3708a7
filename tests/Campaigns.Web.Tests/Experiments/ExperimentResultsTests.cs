using System.Net;
using System.Text.Json;
using Campaigns.Analytics;
using Campaigns.Domain.Experiments;
using Campaigns.Web.Features.Experiments;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Experiments;

public class ExperimentResultsTests(LargerSeededApp fixture) : IClassFixture<LargerSeededApp>
{
    private ExperimentStatistics Statistics => fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ExperimentStatistics>();

    private async Task<Experiment> ThreeArmExperimentAsync()
    {
        await using var db = fixture.App.OpenDatabase();
        return await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstAsync(e => e.Name == "Spring Wardrobe 20% vs 10%");
    }

    [Fact]
    public async Task Arm_counts_are_the_stored_customers_and_every_treatment_arm_is_compared_on_every_metric()
    {
        var experiment = await ThreeArmExperimentAsync();
        var view = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions()))!;

        await using var db = fixture.App.OpenDatabase();
        foreach (var arm in experiment.Arms)
        {
            var exposed = await db.Events.CountAsync(e => e.ArmId == arm.Id && e.Type == EventType.Exposure);
            var converted = await db.Events.Where(e => e.ArmId == arm.Id && e.Type == EventType.Conversion).Select(e => e.CustomerId).Distinct().CountAsync();
            var figures = view.Arms.Single(a => a.Arm == arm.Name);
            Assert.Equal(exposed, figures.Exposed);
            Assert.Equal(converted, figures.Converters);
        }
        // 2 treatment arms × (conversion, revenue per customer, order value, margin per customer).
        Assert.Equal(8, view.Report.Comparisons.Count);
        Assert.All(view.Report.Comparisons, c => Assert.False(string.IsNullOrEmpty(c.Verdict)));
        Assert.False(view.Report.SampleRatio.IsMismatch);
        Assert.NotEmpty(view.Segments);
        Assert.False(string.IsNullOrWhiteSpace(view.Headline));
    }

    [Fact]
    public async Task Conversion_lift_matches_a_two_proportion_test_on_the_same_counts()
    {
        var experiment = await ThreeArmExperimentAsync();
        var view = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions { Engine = AnalysisEngine.Frequentist, UseCuped = false, Correction = CorrectionMethod.None }))!;
        var control = view.Arms.Single(a => a.IsControl);
        foreach (var arm in view.Arms.Where(a => !a.IsControl))
        {
            var expected = TwoProportionTest.Compare(control.Converters, control.Exposed, arm.Converters, arm.Exposed);
            var actual = view.Report.Find(ExperimentStatistics.Conversion, arm.Arm)!;
            Assert.Equal(expected.AbsoluteLift, actual.Lift!.Absolute, 10);
            Assert.Equal(expected.PValue, actual.PValue!.Value, 6);
        }
    }

    [Fact]
    public async Task Cuped_reports_its_variance_reduction_and_keeps_the_estimate_unbiased()
    {
        var experiment = await ThreeArmExperimentAsync();
        var plain = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions { Engine = AnalysisEngine.Frequentist, UseCuped = false }))!;
        var cuped = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions { Engine = AnalysisEngine.Frequentist, UseCuped = true }))!;
        var before = plain.Report.Find(ExperimentStatistics.RevenuePerCustomer, "20% off")!;
        var after = cuped.Report.Find(ExperimentStatistics.RevenuePerCustomer, "20% off")!;
        Assert.NotNull(after.Cuped);
        Assert.True(after.Cuped!.VarianceReductionPercent >= 0);
        var widthBefore = before.Lift!.AbsoluteInterval.High - before.Lift.AbsoluteInterval.Low;
        var widthAfter = after.Lift!.AbsoluteInterval.High - after.Lift.AbsoluteInterval.Low;
        Assert.True(widthAfter <= widthBefore * 1.0001, $"CUPED widened the interval: {widthBefore} → {widthAfter}");
    }

    [Fact]
    public async Task The_api_and_the_csv_give_the_same_numbers_as_the_page()
    {
        var experiment = await ThreeArmExperimentAsync();
        var view = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions()))!;
        var client = await fixture.App.SignedInClientAsync("manager@demo.local");

        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/experiments/{experiment.Id}/results")).RootElement;
        var comparisons = json.GetProperty("report").GetProperty("comparisons").EnumerateArray().ToList();
        Assert.Equal(view.Report.Comparisons.Count, comparisons.Count);
        var first = view.Report.Comparisons[0];
        Assert.Equal(first.PValue!.Value, comparisons[0].GetProperty("pValue").GetDouble(), 12);

        var csv = await client.GetStringAsync($"/api/experiments/{experiment.Id}/results.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(view.Report.Comparisons.Count + 1, lines.Length);
        Assert.Contains(first.PValue.Value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture), lines[1]);

        // One verdict, from one rule, everywhere.
        Assert.Equal(view.Headline, json.GetProperty("headline").GetString());
        Assert.Equal(view.Verdict.Action.ToString(), json.GetProperty("verdict").GetProperty("reading").GetProperty("action").GetString());
        Assert.EndsWith(",recommendation,headline", lines[0].TrimEnd('\r'));
        var verdictCells = $"{view.Verdict.Action}," + global::Campaigns.Imports.Csv.CsvText.Cell(view.Headline);
        Assert.All(lines.Skip(1), l => Assert.Contains(verdictCells, l));
    }

    [Fact]
    public async Task The_list_shows_the_results_pages_default_engine_with_the_same_p_values()
    {
        var experiment = await ThreeArmExperimentAsync();
        var page = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions()))!;
        var list = await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ExperimentResults>().RecentAsync(50);

        var summary = list.Single(e => e.Id == experiment.Id);
        Assert.Equal(page.Options.Engine, summary.Engine);
        Assert.Equal(page.Headline, summary.Headline);
        foreach (var arm in summary.Arms.Where(a => !a.IsControl))
        {
            var expected = page.Report.Find(ExperimentStatistics.Conversion, arm.Name)!;
            Assert.Equal(expected.AdjustedPValue, arm.VersusControl!.AdjustedPValue);
            Assert.Equal(expected.Lift!.AbsoluteInterval, arm.VersusControl.Lift!.AbsoluteInterval);
        }
    }

    [Fact]
    public async Task An_experiment_without_traffic_says_so_and_takes_no_decision()
    {
        var empty = await fixture.App.ExperimentWithoutTrafficAsync();
        var view = (await Statistics.LoadAsync(empty.Id, new ResultsOptions()))!;

        Assert.False(view.Report.SampleRatio.HasTraffic);
        Assert.Equal(VerdictAction.NoTraffic, view.Verdict.Action);
        Assert.StartsWith("No traffic yet", view.Headline);
        var decisions = fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ExperimentDecisions>();
        Assert.Equal(ExperimentDecisions.NoDataMessage, await decisions.DecideAsync(empty.Id, ExperimentDecision.Stop, "Nothing happens", "manager@demo.local"));
        await using var db = fixture.App.OpenDatabase();
        Assert.Equal(ExperimentDecision.None, (await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == empty.Id)).Decision);
    }

    [Fact]
    public async Task Shipping_needs_a_reason_which_is_stored_and_audited()
    {
        await using var db0 = fixture.App.OpenDatabase();
        var stopped = await db0.Experiments.AsNoTracking().FirstAsync(e => e.Status == ExperimentStatus.Stopped && db0.ExperimentCells.Any(c => c.ExperimentId == e.Id));
        var decisions = fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ExperimentDecisions>();

        Assert.Equal("Say why you ship it (what the results show), so the team can learn from it.", await decisions.DecideAsync(stopped.Id, ExperimentDecision.Ship, null, "manager@demo.local"));
        Assert.Null(await decisions.DecideAsync(stopped.Id, ExperimentDecision.Ship, "Margin holds", "manager@demo.local"));

        await using var db = fixture.App.OpenDatabase();
        Assert.Equal("Margin holds", (await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == stopped.Id)).DecisionComment);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "experiment.decide" && a.EntityId == stopped.Id.ToString() && a.Details == "Ship: Margin holds"));
    }

    [Fact]
    public async Task Marketers_cannot_read_results_through_the_api()
    {
        var experiment = await ThreeArmExperimentAsync();
        var client = await fixture.App.SignedInClientAsync("marketer@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/experiments/{experiment.Id}/results")).StatusCode);
    }

    [Fact]
    public async Task A_decision_needs_a_reason_to_stop_and_is_audited()
    {
        await using var db0 = fixture.App.OpenDatabase();
        var live = await db0.Experiments.AsNoTracking().FirstAsync(e => e.Status == ExperimentStatus.Running);
        var decisions = fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ExperimentDecisions>();

        Assert.Equal("Say why you stop or extend the experiment, so the team can learn from it.", await decisions.DecideAsync(live.Id, ExperimentDecision.Stop, " ", "manager@demo.local"));
        Assert.Null(await decisions.DecideAsync(live.Id, ExperimentDecision.Extend, "Not enough power yet", "manager@demo.local"));

        await using var db = fixture.App.OpenDatabase();
        var stored = await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == live.Id);
        Assert.Equal(ExperimentDecision.Extend, stored.Decision);
        Assert.Equal(ExperimentStatus.Running, stored.Status);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "experiment.decide" && a.EntityId == live.Id.ToString() && a.Details == "Extend: Not enough power yet"));
    }

    [Fact]
    public async Task Capped_revenue_equals_capping_each_customer_directly()
    {
        var experiment = await ThreeArmExperimentAsync();
        var view = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions { Engine = AnalysisEngine.Frequentist, UseCuped = false, WinsorizePercentile = 0.9 }))!;
        Assert.NotNull(view.RevenueCap);
        await using var db = fixture.App.OpenDatabase();
        var customers = await db.ExperimentCustomers.AsNoTracking().Where(c => c.ExperimentId == experiment.Id && c.Exposures > 0).ToListAsync();
        foreach (var arm in experiment.Arms.Where(a => !a.IsControl))
        {
            var mine = customers.Where(c => c.ArmId == arm.Id).ToList();
            var expected = mine.Sum(c => Math.Min(c.Revenue, view.RevenueCap!.Value)) / mine.Count;
            Assert.Equal(expected, view.Report.Find(ExperimentStatistics.RevenuePerCustomer, arm.Name)!.TreatmentEstimate!.Mean, 6);
        }
    }
}
