using Bunit;
using Campaigns.Application.Experiments;
using Campaigns.Application.Offers;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Web.Security;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Experiments;

/// <summary>The results page rendered by bUnit over a real seeded database.</summary>
public class ExperimentResultsPageTests : ComponentTest, IClassFixture<LargerSeededApp>
{
    private readonly LargerSeededApp _store;

    public ExperimentResultsPageTests(LargerSeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContextFactory<CampaignsDbContext>(options.Apply);
        // The app's own registration, so the page gets what the app gives it (its caches included).
        Context.Services.AddExperiments();
        Context.Services.AddScoped<ExperimentRollup>();
        Context.Services.AddScoped<PolicyTestResults>();
        Context.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TargetingOptions()));
        Context.Services.AddScoped<CurrentUser>();
        SignInAs("Manager");
    }

    [Fact]
    public async Task Shows_a_verdict_the_sample_ratio_check_and_every_metric_of_every_arm()
    {
        await using var db = _store.App.OpenDatabase();
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstAsync(e => e.Name == "Spring Wardrobe 20% vs 10%");

        var page = Render<ResultsHost>(p => p.Add(h => h.Id, experiment.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=metrics-table]")), TimeSpan.FromSeconds(10));
        Assert.Contains("sample ratio", page.Find("[data-testid=verdict]").TextContent);
        Assert.Contains("traffic split as planned", page.Find("[data-testid=srm]").TextContent);
        Assert.Contains("flagged below p = 0.001", page.Find("[data-testid=srm]").ParentElement!.TextContent);
        var rows = page.FindAll("[data-testid=metrics-table] tbody tr");
        Assert.Equal(8, rows.Count);
        foreach (var arm in experiment.Arms.Where(a => !a.IsControl))
            Assert.Equal(4, rows.Count(r => r.TextContent.Contains(arm.Name)));
        Assert.NotEmpty(page.FindAll("[data-testid=lift-chart]"));
        Assert.NotEmpty(page.FindAll("[data-testid=segments-table] tbody tr"));
    }

    [Fact]
    public async Task An_experiment_without_traffic_says_no_traffic_everywhere_and_takes_no_decision()
    {
        var empty = await _store.App.ExperimentWithoutTrafficAsync();

        var page = Render<ResultsHost>(p => p.Add(h => h.Id, empty.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=srm]")), TimeSpan.FromSeconds(10));
        Assert.StartsWith("No traffic yet", page.Find("[data-testid=verdict]").TextContent.Trim());
        Assert.StartsWith("No traffic yet", page.Find("[data-testid=srm]").TextContent.Trim());
        Assert.DoesNotContain("split as planned", page.Markup);
        Assert.Contains("not enough data", page.Find("[data-testid=guardrails]").TextContent);
        Assert.Equal(ExperimentDecisions.NoDataMessage, page.Find("[data-testid=decision-unavailable]").TextContent.Trim());
        Assert.True(page.Find("[data-testid=record-decision]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_p_value_column_names_the_engine()
    {
        await using var db = _store.App.OpenDatabase();
        var experiment = await db.Experiments.AsNoTracking().FirstAsync(e => e.Name == "Spring Wardrobe 20% vs 10%");

        var page = Render<ResultsHost>(p => p.Add(h => h.Id, experiment.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=metrics-table]")), TimeSpan.FromSeconds(10));
        Assert.Equal("p (sequential)", page.Find("[data-testid=p-value-header]").TextContent.Trim());
    }

    [Fact]
    public void An_unknown_experiment_says_so()
    {
        var page = Render<ResultsHost>(p => p.Add(h => h.Id, Guid.NewGuid()));
        page.WaitForAssertion(() => Assert.Contains("No experiment has this id", page.Markup), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shipping_asks_for_a_reason_says_the_experiment_ends_and_records_the_reason_with_the_decision()
    {
        Guid id;
        await using (var db = _store.App.OpenDatabase())
            id = (await db.Experiments.AsNoTracking().FirstAsync(e => e.Name != "Spring Wardrobe 20% vs 10%" && e.Decision == Domain.Experiments.ExperimentDecision.None)).Id;
        var page = Render<ResultsHost>(p => p.Add(h => h.Id, id));
        page.WaitForElement("[data-testid=record-decision]", TimeSpan.FromSeconds(10));

        page.Find("[data-testid=record-decision]").Click();

        Assert.Contains("The experiment ends now", page.WaitForElement("[data-testid=confirm-message]").TextContent);
        Assert.True(page.Find("[data-testid=confirm-action]").HasAttribute("disabled"));
        page.Find("textarea[data-testid=confirm-reason]").Input("Lift holds in every segment.");
        page.Find("[data-testid=confirm-action]").Click();

        page.WaitForAssertion(() => Assert.Contains("Ship by manager@test", page.Find("[data-testid=decision]").TextContent), TimeSpan.FromSeconds(10));
        await using var check = _store.App.OpenDatabase();
        Assert.Equal("Lift holds in every segment.", (await check.Experiments.FindAsync(id))!.DecisionComment);
    }
}
