using Campaigns.Domain.Experiments;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class ManagerDecisionTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public Task A_manager_opens_an_experiments_results_and_records_a_decision() => StepsAsync(nameof(A_manager_opens_an_experiments_results_and_records_a_decision), async () =>
    {
        Guid experimentId;
        await using (var db = App.OpenDatabase())
            experimentId = (await db.Experiments.AsNoTracking().FirstAsync(e => e.Name == "Summer Sale 25% off")).Id;

        await SignInAsync("manager@demo.local", $"experiments/{experimentId}");
        await Assertions.Expect(Page.GetByTestId("verdict")).ToContainTextAsync("sample ratio");
        await Assertions.Expect(Page.GetByTestId("metrics-table")).ToContainTextAsync("Conversion rate");

        await FillAsync("decision-comment", "Lift holds after CUPED; ship to all.", 500);
        await Page.GetByTestId("record-decision").ClickAsync();
        // Shipping asks first, with the comment as its reason.
        await Assertions.Expect(Page.Locator("textarea[data-testid=confirm-reason]")).ToHaveValueAsync("Lift holds after CUPED; ship to all.");
        await Page.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("decision")).ToContainTextAsync("Ship by manager@demo.local");

        await using var check = App.OpenDatabase();
        var stored = await check.Experiments.AsNoTracking().SingleAsync(e => e.Id == experimentId);
        Assert.Equal(ExperimentDecision.Ship, stored.Decision);
        Assert.Equal("Lift holds after CUPED; ship to all.", stored.DecisionComment);
        Assert.True(await check.AuditLog.AnyAsync(a => a.Action == "experiment.decide" && a.User == "manager@demo.local" && a.EntityId == experimentId.ToString()));
    });
}
