using System.Net;
using System.Text.Json;
using Bunit;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Programme;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Programme;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Programme;

/// <summary>The programme report over the demo store, with a holdout that started 60 days before its last order.</summary>
public class ProgrammeReportTests : ComponentTest, IClassFixture<ProgrammeReportTests.Fixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly Fixture _store;

    public sealed class Fixture : SeededApp, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            await using var db = App.OpenDatabase();
            var last = await db.Orders.MaxAsync(o => o.PlacedAt);
            var period = new HoldoutPeriod { Share = 0.2, Salt = "report-tests", StartsAt = last.Date.AddDays(-60), SetBy = "tests", FreshDraw = true };
            db.HoldoutPeriods.Add(period);
            // The demo's email campaign as if launched after the start to every customer who opted in to email.
            var email = await db.Campaigns.Where(c => c.Promotion.Channel == Channel.Email).OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
            var optedIn = await db.Customers.Where(c => c.EmailOptIn).Select(c => c.Id).ToListAsync();
            await db.BulkInsertAsync(optedIn.Select(id => new CampaignQualifier { CampaignId = email, CustomerId = id, HeldOut = period.Holds(id), QualifiedAt = period.StartsAt.AddDays(1) }));
            await db.SaveChangesAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    public ProgrammeReportTests(Fixture store)
    {
        _store = store;
        UseAppServices(store.App.Services);
    }

    private async Task<ProgrammeReport> ReportAsync()
    {
        using var scope = _store.App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ProgrammeResults>().ReadAsync())!;
    }

    private MoneyFormat Money => _store.App.Services.GetRequiredService<MoneyFormat>();

    [Fact]
    public async Task A_Manager_reads_the_programme_since_the_holdout_started_by_month_with_intervals_and_discounts()
    {
        var report = await ReportAsync();
        Assert.True(report.Cumulative.Orders.HoldoutCustomers >= 2);
        SignInAs(Roles.Manager);
        var page = Render<ProgrammeHost>();
        page.WaitForElement("[data-testid=programme-report]", Wait);

        var margin = report.Cumulative.Margin.Incremental;
        Assert.Contains(Money.Signed(margin.Value), page.Find("[data-testid=programme-margin]").TextContent);
        Assert.Contains($"95% interval {Money.Signed(margin.Low)} to {Money.Signed(margin.High)}", page.Find("[data-testid=programme-margin]").TextContent);
        Assert.Contains(Money.Format(report.Cumulative.DiscountCost), page.Find("[data-testid=programme-discounts]").TextContent);
        var rows = page.FindAll("[data-testid=programme-windows] tbody tr");
        Assert.Equal(report.Months.Count + 1, rows.Count);
        Assert.Equal(report.Months.Select(m => m.Label).Append(report.Cumulative.Label), rows.Select(r => r.QuerySelector("[data-testid=window-label]")!.TextContent.Trim()));
        Assert.Contains(Display.Signed(report.Months[0].Orders.Incremental.Value, 0), rows[0].TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=programme-csv]"));
        Assert.Empty(page.FindAll("[data-testid=save-holdout]"));
    }

    [Fact]
    public async Task The_api_and_the_csv_give_the_numbers_of_the_page_to_Managers_and_refuse_Marketers()
    {
        var report = await ReportAsync();
        var manager = await _store.App.SignedInClientAsync("manager@demo.local");
        var json = JsonDocument.Parse(await manager.GetStringAsync("/api/programme/results")).RootElement;
        var cumulative = json.GetProperty("cumulative");
        Assert.Equal(report.Cumulative.Margin.Incremental.Value, cumulative.GetProperty("margin").GetProperty("incremental").GetProperty("value").GetDouble(), 6);
        Assert.Equal(report.Months.Count, json.GetProperty("months").GetArrayLength());

        var csv = (await manager.GetStringAsync("/api/programme/results.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 3 * (report.Months.Count + 1 + report.ByChannel.Count), csv.Length);
        Assert.StartsWith($"{report.Cumulative.Label},", csv[3 * (report.Months.Count + 1)]);

        var marketer = await _store.App.SignedInClientAsync("marketer@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/programme/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/programme/results.csv")).StatusCode);
    }

    [Fact]
    public async Task Each_channel_shows_its_incremental_figures_on_its_qualifiers_with_intervals_beside_the_attributed_ones_in_the_page_and_the_api()
    {
        var report = await ReportAsync();
        var email = report.ByChannel.Single(c => c.Channel == Channel.Email);
        var (orders, margin) = (email.IncrementalOrders!, email.IncrementalMargin!);
        SignInAs(Roles.Manager);
        var page = Render<ProgrammeHost>();
        page.WaitForElement("[data-testid=programme-channels]", Wait);

        Assert.Contains("not a causal estimate", page.Find("[data-testid=programme-channels-caveat]").TextContent);
        Assert.Equal(["Channel", "Qualifiers (programme / holdout)", "Incremental orders", "Incremental revenue", "Incremental margin", "Attributed orders", "Attributed revenue", "Campaign discounts"],
            page.FindAll("[data-testid=programme-channels] th").Select(h => h.TextContent.Trim()));
        var rows = page.FindAll("[data-testid=programme-channels] tbody tr");
        Assert.Equal(report.ByChannel.Select(c => c.Channel.ToWords()), rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var row = rows[report.ByChannel.ToList().IndexOf(email)].TextContent;
        Assert.Contains($"{Display.Count(email.ProgrammeQualifiers)} / {Display.Count(email.HoldoutQualifiers)}", row);
        Assert.Contains($"{Display.Signed(orders.Incremental.Value, 0)}", row);
        Assert.Contains($"95% interval {Money.Signed(margin.Incremental.Low)} to {Money.Signed(margin.Incremental.High)}", row);
        Assert.Contains(Display.Count(email.AttributedOrders), row);
        // The other channels recorded no qualifiers: no estimate, and why, rather than a zero.
        Assert.Equal(report.ByChannel.Count(c => c.NoEstimate is not null), page.FindAll("[data-testid=programme-channel-no-estimate]").Count);

        var manager = await _store.App.SignedInClientAsync("manager@demo.local");
        var json = JsonDocument.Parse(await manager.GetStringAsync("/api/programme/results")).RootElement;
        Assert.False(json.TryGetProperty("attributedByChannel", out _));
        var byEmail = json.GetProperty("byChannel")[report.ByChannel.ToList().IndexOf(email)];
        Assert.Equal(email.AttributedOrders, byEmail.GetProperty("attributedOrders").GetInt32());
        Assert.Equal(email.HoldoutQualifiers, byEmail.GetProperty("holdoutQualifiers").GetInt64());
        var incremental = byEmail.GetProperty("incrementalMargin").GetProperty("incremental");
        Assert.Equal((margin.Incremental.Value, margin.Incremental.Low, margin.Incremental.High),
            (incremental.GetProperty("value").GetDouble(), incremental.GetProperty("low").GetDouble(), incremental.GetProperty("high").GetDouble()));
    }

    [Fact]
    public async Task The_dashboard_shows_Managers_the_programmes_incremental_margin()
    {
        var report = await ReportAsync();
        SignInAs(Roles.Manager);
        var page = Render<DashboardHost>();
        page.WaitForAssertion(() => Assert.Contains(Money.Signed(report.Cumulative.Margin.Incremental.Value), page.Find("[data-testid=programme-card-margin]").TextContent), Wait);
    }

    [Fact]
    public void Marketers_see_no_programme_card_on_the_dashboard()
    {
        SignInAs(Roles.Marketer);
        var page = Render<DashboardHost>();
        page.WaitForElement("[data-testid=stat-customers]", Wait);
        Assert.Empty(page.FindAll("[data-testid=programme-card]"));
    }
}
