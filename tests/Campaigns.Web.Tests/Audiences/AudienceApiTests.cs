using System.Net;
using System.Net.Http.Json;
using Campaigns.Application.Audiences;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Integration;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Integration;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Audiences;

/// <summary>A saved audience decides who the assignment API admits, and exports as CSV to marketers and senders.</summary>
public class AudienceApiTests(AudienceApiTests.Fixture fixture) : IClassFixture<AudienceApiTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TargetedSeededApp Store { get; } = new();
        public string Key { get; private set; } = "";
        public Guid CampaignId { get; private set; }
        public List<string> Members { get; private set; } = [];
        public List<(string Customer, AudienceCell Cell)> Everyone { get; private set; } = [];
        public string Outsider { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await Store.InitializeAsync();
            using var scope = Store.App.Services.CreateScope();
            Key = (await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("sender", ApiScopes.Assign | ApiScopes.Ingest, "test")).Value!;
            var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
            await using var db = Store.App.OpenDatabase();
            // An approved on-site campaign: no email opt-in stands between a member and an assignment.
            var campaign = new Campaign
            {
                Name = "Audience API test", CreatedBy = "marketer@demo.local", Budget = 500,
                Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 15, Channel = Channel.OnsiteBanner },
                StartsAt = DateTime.UtcNow.AddDays(1), EndsAt = DateTime.UtcNow.AddDays(15),
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            CampaignId = campaign.Id;
            await campaigns.SubmitAsync(CampaignId, "marketer@demo.local");
            await campaigns.ApproveAsync(CampaignId, "manager@demo.local", null);
            var builder = scope.ServiceProvider.GetRequiredService<AudienceBuilder>();
            var plan = (await builder.PlanAsync(new AudienceRequest(CampaignId, new AudienceRules(), AudienceSelection.TopPercent, TopPercent: 20, RandomCellShare: 0.2))).Value!;
            var saved = await builder.SaveAsync(plan, "marketer@demo.local");
            if (!saved.Succeeded) throw new InvalidOperationException(saved.Message);
            // A 30% holdout: every decile of ~50 targeted customers then has control customers (the check shows a decile only
            // with both arms; at 10% about one run in 16 drew a decile without any, as arms are randomized afresh per launch).
            var launched = await campaigns.LaunchAsync(CampaignId, "manager@demo.local", 0.3);
            if (!launched.Succeeded) throw new InvalidOperationException(launched.Message);
            var best = plan.Targeted.Take(5).ToList();
            Members = await db.AudienceMembers.Where(m => best.Contains(m.CustomerId))
                .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { m.Rank, c.ExternalId }).OrderBy(x => x.Rank).Select(x => x.ExternalId).ToListAsync();
            Everyone = await db.AudienceMembers.Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { c.ExternalId, m.Cell, m.AudienceId })
                .Where(x => db.Audiences.Any(a => a.Id == x.AudienceId && a.CampaignId == CampaignId))
                .Select(x => new ValueTuple<string, AudienceCell>(x.ExternalId, x.Cell)).ToListAsync();
            // Neither targeted nor in the random cell.
            var targeted = plan.Targeted.Concat(plan.RandomCell).ToHashSet();
            Outsider = (await db.Customers.Select(c => new { c.Id, c.ExternalId }).ToListAsync()).First(c => !targeted.Contains(c.Id)).ExternalId;
        }

        public Task DisposeAsync()
        {
            Store.Dispose();
            return Task.CompletedTask;
        }
    }

    private HttpClient Sender()
    {
        var client = fixture.Store.App.AnonymousClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, fixture.Key);
        return client;
    }

    [Fact]
    public async Task Members_of_the_audience_are_assigned_and_everyone_else_is_refused_with_a_reason()
    {
        var member = await Sender().PostAsJsonAsync("/api/assignments", new { campaignId = fixture.CampaignId, customerId = fixture.Members[0] });
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);

        var outsider = await Sender().PostAsJsonAsync("/api/assignments", new { campaignId = fixture.CampaignId, customerId = fixture.Outsider });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outsider.StatusCode);
        Assert.Contains("not in the audience", await outsider.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_audience_exports_as_csv_best_first_to_marketers_and_to_api_keys()
    {
        var marketer = await fixture.Store.App.SignedInClientAsync("marketer@demo.local");
        var csv = await marketer.GetStringAsync($"/campaigns/{fixture.CampaignId}/audience.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("external_id,email,cell,rank,predicted_uplift,expected_profit,churn_risk,purchase_probability,predicted_value_12m,persona,top_categories,recommended_product", lines[0].TrimEnd('\r'));
        await using var db = fixture.Store.App.OpenDatabase();
        var audience = await db.Audiences.SingleAsync(a => a.CampaignId == fixture.CampaignId);
        Assert.Equal(audience.Targeted + audience.RandomCell, lines.Length - 1);
        Assert.StartsWith(fixture.Members[0] + ",", lines[1]);
        // Customers not scored yet (no customer-insights version in this store) export empty predictions, and the store's
        // best seller (when it has orders) as the product a sender merges into "[Recommended product]".
        var cells = lines[1].TrimEnd('\r').Split(',');
        Assert.Equal(12, cells.Length);
        Assert.Equal(["Targeted", "1"], cells[2..4]);
        Assert.All(cells[6..11], Assert.Empty);
        Assert.Equal(await db.OrderLines.AnyAsync(), cells[11].Length > 0);

        var api = await Sender().GetAsync($"/api/campaigns/{fixture.CampaignId}/audience.csv");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(csv, await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nobody_else_reaches_the_export()
    {
        var anonymous = await fixture.Store.App.AnonymousClient().GetAsync($"/api/campaigns/{fixture.CampaignId}/audience.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var page = await fixture.Store.App.AnonymousClient().GetAsync($"/campaigns/{fixture.CampaignId}/audience.csv");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        var unknown = await Sender().GetAsync($"/api/campaigns/{Guid.NewGuid()}/audience.csv");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Results_measure_the_campaigns_lift_in_each_cell_and_the_models_lift_over_random_targeting()
    {
        // Every member is assigned and exposed; targeted treated customers convert more often than random treated ones.
        var arms = new List<(string Customer, AudienceCell Cell, bool Control, bool Converts)>();
        var events = new List<object>();
        var now = DateTime.UtcNow;
        foreach (var (customer, cell) in fixture.Everyone)
        {
            var response = await Sender().PostAsJsonAsync("/api/assignments", new { campaignId = fixture.CampaignId, customerId = customer });
            var control = (await response.Content.ReadFromJsonAsync<AssignmentResponse>())!.Arm.IsControl;
            var i = arms.Count;
            var converts = control ? i % 10 == 0 : cell == AudienceCell.Targeted ? i % 10 < 4 : i % 10 < 2;
            arms.Add((customer, cell, control, converts));
            events.Add(new { eventId = $"tc-x-{customer}", customerId = customer, campaignId = fixture.CampaignId, type = "exposure", timestamp = now });
            if (converts) events.Add(new { eventId = $"tc-c-{customer}", customerId = customer, campaignId = fixture.CampaignId, type = "conversion", timestamp = now.AddMinutes(5), revenue = 40 });
        }
        Assert.Equal(HttpStatusCode.OK, (await Sender().PostAsJsonAsync("/api/events", new { events })).StatusCode);
        using var scope = fixture.Store.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<global::Campaigns.Data.ExperimentRollup>().CatchUpAsync();
        await using var db = fixture.Store.App.OpenDatabase();
        var experimentId = await db.Experiments.Where(e => e.CampaignId == fixture.CampaignId).Select(e => e.Id).SingleAsync();

        var view = await scope.ServiceProvider.GetRequiredService<global::Campaigns.Application.Experiments.TargetingCheck>().LoadAsync(experimentId);

        double Rate(AudienceCell cell, bool control) => arms.Where(a => a.Cell == cell && a.Control == control).Average(a => a.Converts ? 1.0 : 0.0);
        Assert.NotNull(view);
        Assert.Equal(Rate(AudienceCell.Targeted, false) - Rate(AudienceCell.Targeted, true), view.Targeted!.Lift, 9);
        Assert.Equal(Rate(AudienceCell.Random, false) - Rate(AudienceCell.Random, true), view.Random!.Lift, 9);
        Assert.Equal(view.Targeted.Lift - view.Random.Lift, view.ModelLift!.Value, 9);
        Assert.True(view.ModelLiftLow < view.ModelLift && view.ModelLift < view.ModelLiftHigh);
        Assert.Equal(arms.Count(a => a.Cell == AudienceCell.Targeted), view.Deciles.Sum(d => d.ControlUnits + d.TreatedUnits));
        Assert.InRange(view.Deciles.Count, 2, 10);
    }
}
