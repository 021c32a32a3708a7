using Bunit;
using Campaigns.Data.Identity;
using Campaigns.Domain.Programme;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Tests.Programme;

/// <summary>The Programme page rendered by bUnit over the real app's services; the tests run in order over one store.</summary>
public class ProgrammePageTests : ComponentTest, IClassFixture<SeededApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SeededApp _store;

    public ProgrammePageTests(SeededApp store)
    {
        _store = store;
        UseAppServices(store.App.Services);
    }

    // Finds and clicks run on the renderer's thread: the page re-renders as its sections load, and a button found just
    // before a render holds a handler that render removed (bUnit's UnknownEventHandlerIdException, seen in CI).
    [Fact]
    public async Task An_Admin_starts_the_holdout_sees_who_is_held_out_and_a_redraw_asks_for_a_reason_first()
    {
        SignInAs(Roles.Admin);
        var page = Render<ProgrammeHost>();
        page.WaitForElement("[data-testid=save-holdout]", Wait);
        Assert.Empty(page.FindAll("[data-testid=programme-report]"));

        await page.InvokeAsync(() => page.Find("input[data-testid=holdout-share]").Change("30"));
        await page.InvokeAsync(() => page.Find("[data-testid=save-holdout]").Click());
        page.WaitForAssertion(() => Assert.Contains("Hold out 0.5% to 20%", page.Find("[data-testid=global-holdout]").TextContent), Wait);

        await page.InvokeAsync(() => page.Find("input[data-testid=holdout-share]").Change("10"));
        await page.InvokeAsync(() => page.Find("[data-testid=save-holdout]").Click());
        page.WaitForAssertion(() => Assert.Contains("10.0% of customers held out since", page.Find("[data-testid=holdout-status]").TextContent), Wait);
        // The report starts with the holdout, on the same page without a reload.
        page.WaitForElement("[data-testid=programme-report]", Wait);
        HoldoutPeriod first;
        int held;
        await using (var db = _store.App.OpenDatabase())
        {
            first = await db.HoldoutPeriods.SingleAsync();
            held = (await db.Customers.Select(c => c.Id).ToListAsync()).Count(first.Holds);
        }
        Assert.Contains($"{held:N0} of 400 customers now", page.Find("[data-testid=holdout-status]").TextContent);

        await page.InvokeAsync(() => page.Find("[data-testid=redraw-holdout]").Click());
        Assert.Contains("cannot be undone", page.WaitForElement("[data-testid=confirm-message]", Wait).TextContent);
        await page.InvokeAsync(() => page.Find("[data-testid=confirm-cancel]").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=confirm-dialog]")), Wait);
        await using (var db = _store.App.OpenDatabase())
            Assert.Equal(1, await db.HoldoutPeriods.CountAsync());

        await page.InvokeAsync(() => page.Find("[data-testid=redraw-holdout]").Click());
        page.WaitForElement("textarea[data-testid=confirm-reason]", Wait).Input("The draw was shared with a partner by mistake.");
        await page.InvokeAsync(() => page.Find("[data-testid=confirm-action]").Click());
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=holdout-history] tr").Count), Wait);
        Assert.Contains("The draw was shared with a partner by mistake.", page.Find("[data-testid=holdout-history]").TextContent);
        await using (var db = _store.App.OpenDatabase())
        {
            var redrawn = await db.HoldoutPeriods.SingleAsync(p => p.EndsAt == null);
            Assert.NotEqual(first.Salt, redrawn.Salt);
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "programme.holdout.redraw" && a.EntityId == redrawn.Id.ToString() && a.User == "admin@test"));
        }
    }

    [Fact]
    public void A_Manager_reads_the_holdout_but_cannot_change_it()
    {
        SignInAs(Roles.Manager);
        var page = Render<ProgrammeHost>();
        page.WaitForElement("[data-testid=holdout-status]", Wait);
        Assert.Empty(page.FindAll("[data-testid=save-holdout]"));
        Assert.Empty(page.FindAll("[data-testid=redraw-holdout]"));
    }
}
