using Campaigns.Analytics;
using Campaigns.Application.Experiments;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Experiments;

public class ExperimentStatisticsTests(ResultsDatabase store) : IClassFixture<ResultsDatabase>
{
    private ExperimentStatistics Statistics => store.Statistics();

    private async Task<Experiment> ThreeArmExperimentAsync()
    {
        await using var db = store.Open();
        return await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstAsync(e => e.Name == "Spring Wardrobe 20% vs 10%");
    }

    [Fact]
    public async Task Arm_counts_are_the_stored_customers_and_every_treatment_arm_is_compared_on_every_metric()
    {
        var experiment = await ThreeArmExperimentAsync();
        var view = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions()))!;

        await using var db = store.Open();
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
            var actual = view.Report.Find(ExperimentMetrics.Conversion, arm.Arm)!;
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
        var before = plain.Report.Find(ExperimentMetrics.RevenuePerCustomer, "20% off")!;
        var after = cuped.Report.Find(ExperimentMetrics.RevenuePerCustomer, "20% off")!;
        Assert.NotNull(after.Cuped);
        Assert.True(after.Cuped!.VarianceReductionPercent >= 0);
        var widthBefore = before.Lift!.AbsoluteInterval.High - before.Lift.AbsoluteInterval.Low;
        var widthAfter = after.Lift!.AbsoluteInterval.High - after.Lift.AbsoluteInterval.Low;
        Assert.True(widthAfter <= widthBefore * 1.0001, $"CUPED widened the interval: {widthBefore} → {widthAfter}");
    }

    [Fact]
    public async Task The_list_shows_the_results_pages_default_engine_with_the_same_p_values()
    {
        var experiment = await ThreeArmExperimentAsync();
        var page = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions()))!;
        var list = await store.Results().RecentAsync(50);

        var summary = list.Single(e => e.Id == experiment.Id);
        Assert.Equal(page.Options.Engine, summary.Engine);
        Assert.Equal(page.Headline, summary.Headline);
        foreach (var arm in summary.Arms.Where(a => !a.IsControl))
        {
            var expected = page.Report.Find(ExperimentMetrics.Conversion, arm.Name)!;
            Assert.Equal(expected.AdjustedPValue, arm.VersusControl!.AdjustedPValue);
            Assert.Equal(expected.Lift!.AbsoluteInterval, arm.VersusControl.Lift!.AbsoluteInterval);
        }
    }

    [Fact]
    public async Task A_view_is_shared_between_reads_until_events_arrive_or_the_experiment_changes()
    {
        var experiment = await store.ExperimentWithoutTrafficAsync();
        var first = (await store.Statistics().LoadAsync(experiment.Id, new ResultsOptions()))!;
        Assert.Same(first, await store.Statistics().LoadAsync(experiment.Id, new ResultsOptions()));
        Assert.Equal(0, first.Arms.Sum(a => a.Exposed));

        await using (var db = store.Open())
        {
            var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync();
            db.Events.AddRange(customers.Select((c, i) => new ExperimentEvent
            {
                EventKey = $"cache-{experiment.Id}-{i}", ExperimentId = experiment.Id, CustomerId = c, ArmId = experiment.Arms[i % 2].Id,
                Type = EventType.Exposure, OccurredAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }
        // SQLite's reads catch up themselves; the server databases' rollup runs from the minutely job.
        await new ExperimentRollup(store.Factory).CatchUpAsync();
        var exposed = (await store.Statistics().LoadAsync(experiment.Id, new ResultsOptions()))!;
        Assert.Equal(3, exposed.Arms.Sum(a => a.Exposed));

        await using (var db = store.Open())
            await db.Experiments.Where(e => e.Id == experiment.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Name, "Renamed"));
        var renamed = (await store.Statistics().LoadAsync(experiment.Id, new ResultsOptions()))!;
        Assert.Equal("Renamed", renamed.Name);
        Assert.Equal(3, renamed.Arms.Sum(a => a.Exposed));
        // Lists read the same view as the page.
        Assert.Same(renamed.Report, (await store.Statistics().ReadAsync(experiment.Id, new ResultsOptions()))!.Report);
    }

    [Fact]
    public async Task An_experiment_without_traffic_says_so_and_takes_no_decision()
    {
        var empty = await store.ExperimentWithoutTrafficAsync();
        var view = (await Statistics.LoadAsync(empty.Id, new ResultsOptions()))!;

        Assert.False(view.Report.SampleRatio.HasTraffic);
        Assert.Equal(VerdictAction.NoTraffic, view.Verdict.Action);
        Assert.StartsWith("No traffic yet", view.Headline);
        var decisions = store.Decisions();
        Assert.Equal(ExperimentDecisions.NoDataMessage, (await decisions.DecideAsync(empty.Id, ExperimentDecision.Stop, "Nothing happens", "manager@demo.local")).Message);
        await using var db = store.Open();
        Assert.Equal(ExperimentDecision.None, (await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == empty.Id)).Decision);
    }

    [Fact]
    public async Task Shipping_needs_a_reason_which_is_stored_and_audited()
    {
        await using var db0 = store.Open();
        var stopped = await db0.Experiments.AsNoTracking().FirstAsync(e => e.Status == ExperimentStatus.Stopped && db0.ExperimentCells.Any(c => c.ExperimentId == e.Id));
        var decisions = store.Decisions();

        Assert.Equal("Say why you ship it (what the results show), so the team can learn from it.", (await decisions.DecideAsync(stopped.Id, ExperimentDecision.Ship, null, "manager@demo.local")).Message);
        Assert.True((await decisions.DecideAsync(stopped.Id, ExperimentDecision.Ship, "Margin holds", "manager@demo.local")).Succeeded);

        await using var db = store.Open();
        Assert.Equal("Margin holds", (await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == stopped.Id)).DecisionComment);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "experiment.decide" && a.EntityId == stopped.Id.ToString() && a.Details == "Ship: Margin holds"));
    }

    [Fact]
    public async Task A_decision_needs_a_reason_to_stop_and_is_audited()
    {
        await using var db0 = store.Open();
        var live = await db0.Experiments.AsNoTracking().FirstAsync(e => e.Status == ExperimentStatus.Running);
        var decisions = store.Decisions();

        Assert.Equal("Say why you stop or extend the experiment, so the team can learn from it.", (await decisions.DecideAsync(live.Id, ExperimentDecision.Stop, " ", "manager@demo.local")).Message);
        Assert.True((await decisions.DecideAsync(live.Id, ExperimentDecision.Extend, "Not enough power yet", "manager@demo.local")).Succeeded);

        await using var db = store.Open();
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
        await using var db = store.Open();
        var customers = await db.ExperimentCustomers.AsNoTracking().Where(c => c.ExperimentId == experiment.Id && c.Exposures > 0).ToListAsync();
        foreach (var arm in experiment.Arms.Where(a => !a.IsControl))
        {
            var mine = customers.Where(c => c.ArmId == arm.Id).ToList();
            var expected = mine.Sum(c => Math.Min(c.Revenue, view.RevenueCap!.Value)) / mine.Count;
            Assert.Equal(expected, view.Report.Find(ExperimentMetrics.RevenuePerCustomer, arm.Name)!.TreatmentEstimate!.Mean, 6);
        }
    }
}
