using System.Globalization;
using Campaigns.Application.Customers;
using Campaigns.Application.Models;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class CustomerAudienceTests(ITestOutputHelper output) : TargetedBrowserTest(output)
{
    [Fact]
    public Task A_marketer_builds_an_audience_of_valuable_customers_at_risk_and_exports_it_with_their_predictions() =>
        StepsAsync(nameof(A_marketer_builds_an_audience_of_valuable_customers_at_risk_and_exports_it_with_their_predictions), async () =>
        {
            using (var scope = App.Services.CreateScope())
            {
                var trained = await scope.ServiceProvider.GetRequiredService<CustomerInsightsTrainingService>()
                    .TrainAsync(ModelKind.CustomerInsights, new TrainingRun("tests"), default);
                Assert.True(trained.Promoted, trained.Decision);
            }
            Guid campaignId;
            Channel channel;
            await using (var db = App.OpenDatabase())
                (campaignId, channel) = await db.Campaigns.Where(c => c.Status == CampaignStatus.Draft && !db.Audiences.Any(a => a.CampaignId == c.Id))
                    .Select(c => ValueTuple.Create(c.Id, c.Promotion.Channel)).FirstAsync();

            await SignInAsync("marketer@demo.local", $"campaigns/{campaignId}/audience");
            await TypeAsync("rule-churn", "30");
            await TypeAsync("rule-top-value", "20");
            await Page.GetByText("Everyone eligible").ClickAsync();
            await Page.GetByTestId("build-audience").ClickAsync();
            await Assertions.Expect(Page.GetByTestId("audience-size")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Page.GetByTestId("save-audience").ClickAsync();
            await Assertions.Expect(Page.GetByTestId("saved-audience")).ToContainTextAsync("Export CSV");

            var export = await Page.Context.APIRequest.GetAsync(new Uri(App.BaseAddress, $"campaigns/{campaignId}/audience.csv").ToString());
            Assert.Equal(200, export.Status);
            var lines = (await export.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.Equal("external_id,email,cell,rank,predicted_uplift,expected_profit,churn_risk,purchase_probability,predicted_value_12m,persona,top_categories,recommended_product", lines[0]);
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.True(double.Parse(r[6], CultureInfo.InvariantCulture) >= 0.3, $"{r[0]} has churn risk {r[6]}"));

            // Exactly the customers whose scores meet both rules (and whom the campaign's channel may reach).
            await using var check = App.OpenDatabase();
            var expected = await check.Customers.Where(c => c.Score != null && c.Score.ChurnRisk >= 0.3 && c.Score.ValuePercentile >= 0.8 && (channel != Channel.Email || c.EmailOptIn))
                .Select(c => c.ExternalId).ToListAsync();
            Assert.Equal(expected.Order(), rows.Select(r => r[0]).Order());
            var byId = await check.CustomerScores.Join(check.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { c.ExternalId, s.Persona, s.PredictedValue }).ToDictionaryAsync(x => x.ExternalId);
            Assert.All(rows, r => Assert.Equal(byId[r[0]].Persona, r[9]));
        });
}
