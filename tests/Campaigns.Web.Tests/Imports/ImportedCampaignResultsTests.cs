using System.Text;
using System.Text.Json;
using Campaigns.Application.Experiments;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Imports;

/// <summary>The Hillstrom path through the API on a small file of the same shape, read back by the results page's own statistics.</summary>
public class ImportedCampaignResultsTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task The_results_page_shows_each_arms_visit_rate_of_an_imported_past_campaign()
    {
        var text = new StringBuilder("recency,history_segment,zip_code,segment,visit,conversion,spend\r\n");
        string[] arms = ["Mens E-Mail", "Womens E-Mail", "No E-Mail"];
        for (var i = 0; i < 300; i++)
        {
            var (arm, k) = (i % 3, i / 3);
            var visit = k < (arm == 0 ? 18 : arm == 1 ? 15 : 10) ? 1 : 0;
            var converted = visit == 1 && k % 5 == 0;
            text.Append($"{1 + i % 12},\"3) $200 - $350\",Urban,{arms[arm]},{visit},{(converted ? 1 : 0)},{(converted ? "25.5" : "0")}\r\n");
        }
        var admin = await fixture.App.SignedInClientAsync("admin@demo.local");
        var customers = await admin.PostAsync("/api/imports/customers?rowId=hs-&map=" + Uri.EscapeDataString("zip_code=region,segment=ignore,visit=ignore,conversion=ignore,spend=ignore"),
            new StringContent(text.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(customers.IsSuccessStatusCode, await customers.Content.ReadAsStringAsync());
        var campaign = await admin.PostAsync("/api/imports/campaign?rowId=hs-&name=Hillstrom%20test&control=No%20E-Mail&date=2008-03-20&map=" + Uri.EscapeDataString("visit=converted"),
            new StringContent(text.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(campaign.IsSuccessStatusCode, await campaign.Content.ReadAsStringAsync());
        Assert.Equal(300, JsonDocument.Parse(await campaign.Content.ReadAsStringAsync()).RootElement.GetProperty("inserted").GetInt64());

        await using var db = fixture.App.OpenDatabase();
        var experiment = db.Experiments.Single(e => e.IsHistorical && e.Name == "Hillstrom test");
        var statistics = fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ExperimentStatistics>();
        var view = (await statistics.LoadAsync(experiment.Id, new ResultsOptions()))!;
        var rates = view.Arms.ToDictionary(a => a.Arm, a => (double)a.Converters / a.Exposed);
        Assert.Equal(0.18, rates["Mens E-Mail"], 12);
        Assert.Equal(0.15, rates["Womens E-Mail"], 12);
        Assert.Equal(0.10, rates["No E-Mail"], 12);
        Assert.True(view.Arms.Single(a => a.Arm == "No E-Mail").IsControl);
        Assert.Equal(4 * 25.5 / 100, view.Arms.Single(a => a.Arm == "Mens E-Mail").Revenue / 100, 12);
    }
}
