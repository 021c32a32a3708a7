using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class ModelOperationsTests(ITestOutputHelper output) : TargetedBrowserTest(output)
{
    [Fact]
    public Task An_admin_schedules_retraining_trains_a_model_watches_it_become_current_and_rolls_back() => StepsAsync(nameof(An_admin_schedules_retraining_trains_a_model_watches_it_become_current_and_rolls_back), async () =>
    {
        await TrainFirstModelAsync();

        await SignInAsync("admin@demo.local", "admin/models");
        await Assertions.Expect(Page.GetByTestId("status-v1")).ToHaveTextAsync("Current");

        // The schedule: every Tuesday at 04:00, and a new version at least as good as current is promoted by itself.
        // Every kind has its schedule editor: this one is the targeting model's.
        var uplift = Page.GetByTestId("models-UpliftTargeting");
        await TypeAsync(uplift, "schedule-cron", "0 4 * * 2");
        await Assertions.Expect(uplift.GetByTestId("schedule-description")).ToContainTextAsync("every Tuesday at 04:00 UTC");
        await Assertions.Expect(uplift.Locator("[data-testid='schedule-next-runs'] li")).ToHaveCountAsync(5);
        await TypeAsync(uplift, "schedule-margin", "0");
        await uplift.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("operation-result")).ToContainTextAsync("Saved");

        // Train now with the T-learner: same data, learner and seed as v1, so an equal Qini, which a margin of 0 promotes.
        await Page.Locator(".mud-select", new() { Has = Page.GetByTestId("train-learner") }).First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^T-learner$") }).ClickAsync();
        await Page.GetByTestId("train-uplift").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("job-runs")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(Page.GetByTestId("status-v2")).ToHaveTextAsync("Current", new() { Timeout = 180_000 });
        await Assertions.Expect(Page.GetByTestId("status-v1")).ToHaveTextAsync("Retired");
        await Assertions.Expect(Page.GetByTestId("job-runs")).ToContainTextAsync("Succeeded");

        // Roll back to v1, with a reason.
        await Page.GetByTestId("rollback-v1").ClickAsync();
        await TypeAsync("operation-reason", "Checking the rollback");
        await Page.GetByTestId("confirm-operation").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("operation-result")).ToContainTextAsync("v1 is now current");
        await Assertions.Expect(Page.GetByTestId("status-v1")).ToHaveTextAsync("Current");
        await Assertions.Expect(Page.GetByTestId("status-v2")).ToHaveTextAsync("Retired");

        await using var db = App.OpenDatabase();
        var schedule = await db.RetrainingSchedules.AsNoTracking().SingleAsync(s => s.Kind == ModelKind.UpliftTargeting);
        Assert.Equal(("0 4 * * 2", 0.0, "admin@demo.local"), (schedule.Cron, schedule.AutoPromoteMinGain, schedule.UpdatedBy));
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.Kind == ModelKind.UpliftTargeting).OrderBy(v => v.Version).ToListAsync();
        Assert.Equal([(1, ModelStatus.Current), (2, ModelStatus.Retired)], versions.Select(v => (v.Version, v.Status)));
        Assert.Equal(("T", "admin@demo.local"), (versions[1].Learner, versions[1].TriggeredBy));
        var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Kind == "train-UpliftTargeting");
        Assert.Equal(JobStatus.Succeeded, run.Status);
        Assert.Equal(run.Id, versions[1].JobRunId);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "model.rollback" && a.Details!.Contains("Checking the rollback")));
    });
}
