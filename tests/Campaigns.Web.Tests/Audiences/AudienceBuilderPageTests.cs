using Bunit;
using Campaigns.Application.Audiences;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Programme;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Tests.Audiences;

/// <summary>The audience builder rendered by bUnit over a real seeded database with a trained targeting model.</summary>
public class AudienceBuilderPageTests : ComponentTest, IClassFixture<TargetedSeededApp>
{
    private readonly TargetedSeededApp _store;

    public AudienceBuilderPageTests(TargetedSeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContext<CampaignsDbContext>(options.Apply);
        Context.Services.AddSingleton(Options.Create(new TargetingOptions()));
        Context.Services.AddScoped<ModelStore>();
        Context.Services.AddScoped<AudienceBuilder>();
        SignInAs("Marketer");
    }

    private async Task<Guid> CampaignAsync(CampaignStatus status)
    {
        await using var db = _store.App.OpenDatabase();
        return (await db.Campaigns.FirstAsync(c => c.Status == status)).Id;
    }

    [Fact]
    public async Task A_marketer_builds_a_budgeted_audience_sees_its_expected_profit_and_saves_it()
    {
        var id = await CampaignAsync(CampaignStatus.Draft);
        var page = Render<AudienceHost>(p => p.Add(h => h.CampaignId, id));
        page.WaitForAssertion(() => Assert.Contains("Targeting model v", page.Find("[data-testid=model-info]").TextContent), TimeSpan.FromSeconds(10));

        page.Find("[data-testid=budget]").Change("250");
        page.Find("[data-testid=build-audience]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=expected-profit]")), TimeSpan.FromSeconds(30));
        Assert.Matches(@"95% interval", page.Find("[data-testid=expected-profit]").TextContent);
        Assert.Contains("of ", page.Find("[data-testid=audience-size]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=profit-curve]"));
        Assert.NotEmpty(page.FindAll("[data-testid=profit-curve-marker]"));
        Assert.NotEmpty(page.FindAll("[data-testid=profile-Region] tbody tr"));
        Assert.Contains("would make less likely to buy", page.Find("[data-testid=put-off]").TextContent);

        page.Find("[data-testid=save-audience]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=saved-audience]")), TimeSpan.FromSeconds(10));
        await using var db = _store.App.OpenDatabase();
        var audience = await db.Audiences.SingleAsync(a => a.CampaignId == id);
        Assert.InRange(audience.ExpectedCost, 0, 250);
        Assert.Equal(audience.Targeted, await db.AudienceMembers.CountAsync(m => m.AudienceId == audience.Id));
    }

    [Fact]
    public async Task Customers_in_the_global_holdout_are_left_out_and_the_page_says_how_many()
    {
        var id = await CampaignAsync(CampaignStatus.Draft);
        var period = new HoldoutPeriod { Share = 0.1, Salt = HoldoutPeriod.MakeSalt(), StartsAt = DateTime.UtcNow.Date.AddDays(-1), SetBy = "tests" };
        int held;
        await using (var db = _store.App.OpenDatabase())
        {
            db.HoldoutPeriods.Add(period);
            await db.SaveChangesAsync();
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == id);
            held = (await db.Customers.Eligible(new AudienceRules(), campaign.Promotion, DateTime.UtcNow).Select(c => c.Id).ToListAsync()).Count(period.Holds);
        }
        try
        {
            var page = Render<AudienceHost>(p => p.Add(h => h.CampaignId, id));
            page.WaitForAssertion(() => Assert.Contains("Targeting model v", page.Find("[data-testid=model-info]").TextContent), TimeSpan.FromSeconds(10));
            page.Find("[data-testid=budget]").Change("250");
            page.Find("[data-testid=build-audience]").Click();

            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=held-out]")), TimeSpan.FromSeconds(30));
            Assert.True(held > 0);
            Assert.Equal($"{held:N0} customers in the global holdout left out.", page.Find("[data-testid=held-out]").TextContent.Trim());
        }
        finally
        {
            await using var db = _store.App.OpenDatabase();
            await db.HoldoutPeriods.Where(p => p.Id == period.Id).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task A_budget_of_zero_is_refused_with_a_message_and_nothing_is_built()
    {
        var id = await CampaignAsync(CampaignStatus.PendingApproval);
        var page = Render<AudienceHost>(p => p.Add(h => h.CampaignId, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=build-audience]")), TimeSpan.FromSeconds(10));

        page.Find("[data-testid=budget]").Change("0");
        page.Find("[data-testid=build-audience]").Click();

        page.WaitForAssertion(() => Assert.Contains("Set a budget above zero", page.Find("[data-testid=audience-error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=expected-profit]"));
    }

    [Fact]
    public async Task A_launched_campaigns_audience_can_be_previewed_but_not_replaced()
    {
        var id = await CampaignAsync(CampaignStatus.Live);
        var page = Render<AudienceHost>(p => p.Add(h => h.CampaignId, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=build-audience]")), TimeSpan.FromSeconds(10));
        page.Find("[data-testid=build-audience]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=save-audience]")), TimeSpan.FromSeconds(30));
        Assert.True(page.Find("[data-testid=save-audience]").HasAttribute("disabled"));
        Assert.Contains("its audience is fixed", page.Markup);
    }

    [Fact]
    public async Task A_custom_attribute_rule_without_a_value_is_refused_with_a_message()
    {
        var id = await CampaignAsync(CampaignStatus.Draft);
        var page = Render<AudienceHost>(p => p.Add(h => h.CampaignId, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=build-audience]")), TimeSpan.FromSeconds(10));

        page.Find("[data-testid=rule-attributes]").Change("loyalty_tier");
        page.Find("[data-testid=build-audience]").Click();

        page.WaitForAssertion(() => Assert.Contains("name=value", page.Find("[data-testid=audience-error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=expected-profit]"));
    }

    [Fact]
    public async Task Weighing_retention_is_explained_off_by_default_and_when_on_says_how_much_it_adds()
    {
        var id = await CampaignAsync(CampaignStatus.Draft);
        int withPredictions;
        await using (var db = _store.App.OpenDatabase())
        {
            // Every other customer valuable and at risk.
            var customers = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
            db.CustomerScores.AddRange(customers.Where((_, i) => i % 2 == 0).Select(c => new Domain.Customers.CustomerScore
            {
                CustomerId = c, ChurnRisk = 0.8, PredictedValue = 300, Persona = "tests", ScoredAt = DateTime.UtcNow, ModelVersionId = Guid.NewGuid(),
            }));
            await db.SaveChangesAsync();
            withPredictions = await db.CustomerScores.CountAsync();
        }
        try
        {
            await BuildWithAndWithoutRetentionAsync(id, withPredictions);
        }
        finally
        {
            await using var db = _store.App.OpenDatabase();
            await db.CustomerScores.ExecuteDeleteAsync();
        }
    }

    private async Task BuildWithAndWithoutRetentionAsync(Guid id, int withPredictions)
    {
        var page = Render<AudienceHost>(p => p.Add(h => h.CampaignId, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=weigh-retention]")), TimeSpan.FromSeconds(10));
        Assert.Contains("25% of the margin on their predicted spend over the next 12 months, times their churn risk", page.Find("[data-testid=retention-explained]").TextContent);
        Assert.Contains("Customers without predictions get no bonus", page.Find("[data-testid=retention-explained]").TextContent);
        var box = page.FindAll("input[data-testid=weigh-retention]").FirstOrDefault() ?? page.Find("[data-testid=weigh-retention] input");
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)box).IsChecked);

        page.Find("[data-testid=build-audience]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=expected-profit]")), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=retention-value]"));

        box.Change(true);
        page.Find("[data-testid=build-audience]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=retention-value]")), TimeSpan.FromSeconds(30));
        var told = page.Find("[data-testid=retention-value]").TextContent;
        Assert.Matches(@"Retention value adds .+ of the .+ expected incremental profit", told);
        // Only eligible customers with predictions are weighed.
        var weighed = System.Text.RegularExpressions.Regex.Match(told, @";\s+([\d,]+) of [\d,]+ eligible customers have predictions");
        Assert.True(weighed.Success, told);
        Assert.InRange(int.Parse(weighed.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture), 1, withPredictions);
        Assert.DoesNotMatch(@"adds \D*0\.00 ", told);
    }
}
