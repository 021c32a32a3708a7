using System.Globalization;
using System.Text;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Tests;

/// <summary>The Hillstrom path on a small file of the same shape: customers by row number, then one past campaign.</summary>
public class CampaignImportTests : ImportDatabase
{
    private static readonly string[] Segments = ["Mens E-Mail", "Womens E-Mail", "No E-Mail"];

    /// <summary>Hillstrom's columns and quirks (CRLF, quoted history segments with commas); visit rates 12/40, 9/40, 6/40 by arm.</summary>
    private static string Hillstrom()
    {
        var text = new StringBuilder("recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend\r\n");
        for (var i = 0; i < 120; i++)
        {
            var arm = i % 3;
            var k = i / 3;
            var visit = k < (arm == 0 ? 12 : arm == 1 ? 9 : 6) ? 1 : 0;
            var conversion = visit == 1 && k % 4 == 0 ? 1 : 0;
            var spend = conversion == 1 ? 29.99 + k : 0;
            text.Append(CultureInfo.InvariantCulture, $"{1 + i % 12},\"6) $750 - $1,000\",{100 + i}.5,{i % 2},{(i + 1) % 2},{(i % 2 == 0 ? "Surburban" : "Rural")},{i % 2},Web,{Segments[arm]},{visit},{conversion},{spend}\r\n");
        }
        return text.ToString();
    }

    private static CampaignImportSettings Settings => new() { Name = "Hillstrom e-mail", ControlArm = "No E-Mail", StartedAt = new DateTime(2008, 3, 20, 0, 0, 0, DateTimeKind.Utc) };

    private async Task<ImportSummary> ImportHillstromAsync(string path) =>
        await ImportAsync(ImportKind.Campaign, path, rowIdPrefix: "hillstrom-", campaign: Settings, map: ["visit=converted"], batchSize: 50);

    [Fact]
    public async Task What_the_files_do_not_say_stays_unknown_offer_device_and_new_or_returning()
    {
        var path = WriteFile(Hillstrom(), "hillstrom.csv");
        await ImportAsync(ImportKind.Customers, path, rowIdPrefix: "hillstrom-",
            map: ["zip_code=region", "segment=ignore", "visit=ignore", "conversion=ignore", "spend=ignore"]);
        await ImportHillstromAsync(path);

        await using var db = Open();
        var experiment = await db.Experiments.SingleAsync();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == experiment.CampaignId);
        Assert.Null(campaign.Promotion.Type);
        Assert.Equal("Unknown offer", campaign.Promotion.Describe());
        Assert.All(await db.Customers.ToListAsync(), c => Assert.Equal(Domain.Customers.Device.Unknown, c.Device));
        // No orders from before the campaign were imported: nobody can be called new (or returning).
        var cells = await db.ExperimentCells.Where(c => c.ExperimentId == experiment.Id).ToListAsync();
        Assert.All(cells, c => Assert.Equal((Domain.Customers.Device.Unknown, CustomerTenure.Unknown), (c.Device, c.Tenure)));
    }

    [Fact]
    public async Task A_past_campaign_becomes_a_historical_experiment_whose_rollup_gives_each_arms_visit_rate()
    {
        var path = WriteFile(Hillstrom(), "hillstrom.csv");
        var customers = await ImportAsync(ImportKind.Customers, path, rowIdPrefix: "hillstrom-",
            map: ["zip_code=region", "segment=ignore", "visit=ignore", "conversion=ignore", "spend=ignore"]);
        Assert.Equal(120, customers.Inserted);
        var summary = await ImportHillstromAsync(path);
        Assert.Equal((120, 0), (summary.Inserted, summary.Rejected));

        await using var db = Open();
        var experiment = await db.Experiments.Include(e => e.Arms).SingleAsync();
        Assert.True(experiment.IsHistorical);
        Assert.Equal(ExperimentStatus.Stopped, experiment.Status);
        Assert.Equal("No E-Mail", experiment.Arms.Single(a => a.IsControl).Name);
        var cells = await db.ExperimentCells.Where(c => c.ExperimentId == experiment.Id).ToListAsync();
        var rates = experiment.Arms.ToDictionary(a => a.Name, a => (double)cells.Where(c => c.ArmId == a.Id).Sum(c => c.Converters) / cells.Where(c => c.ArmId == a.Id).Sum(c => c.Units));
        Assert.Equal(12 / 40.0, rates["Mens E-Mail"]);
        Assert.Equal(9 / 40.0, rates["Womens E-Mail"]);
        Assert.Equal(6 / 40.0, rates["No E-Mail"]);
        var revenue = cells.Sum(c => c.Revenue);
        Assert.Equal(Enumerable.Range(0, 120).Where(i => i / 3 < (i % 3 == 0 ? 12 : i % 3 == 1 ? 9 : 6) && i / 3 % 4 == 0).Sum(i => 29.99 + i / 3), revenue, 6);
        var alice = await db.Customers.SingleAsync(c => c.ExternalId == "hillstrom-1");
        Assert.Contains("\"history_segment\":\"6) $750 - $1,000\"", alice.CustomAttributesJson);
        Assert.DoesNotContain("visit", alice.CustomAttributesJson);
    }

    [Fact]
    public async Task Importing_the_same_campaign_twice_adds_nothing()
    {
        var path = WriteFile(Hillstrom(), "hillstrom.csv");
        await ImportAsync(ImportKind.Customers, path, rowIdPrefix: "hillstrom-", map: ["segment=ignore", "visit=ignore", "conversion=ignore", "spend=ignore"]);
        await ImportHillstromAsync(path);
        var second = await ImportHillstromAsync(path);
        Assert.Equal((0, 120, 0), (second.Inserted, second.Skipped, second.Rejected));
        await using var db = Open();
        Assert.Equal((1, 120, 120 + 27), (await db.Experiments.CountAsync(), await db.Assignments.CountAsync(), await db.Events.CountAsync()));
    }

    [Fact]
    public async Task Customers_not_imported_yet_are_rejected_and_the_others_kept()
    {
        var path = WriteFile("customer_id,segment,visit\nA,No E-Mail,0\nB,Mens E-Mail,1\n");
        await ImportAsync(ImportKind.Customers, WriteFile("customer_id\nA\n"));
        var summary = await ImportAsync(ImportKind.Campaign, path, campaign: Settings, map: ["visit=converted"]);
        Assert.Equal((1, 1), (summary.Inserted, summary.Rejected));
        Assert.Equal("Row 2 (line 3), column 'customer_id': no customer 'B' is stored: import the customers first.", summary.Problems.Single().ToString());
    }

    [Fact]
    public async Task A_campaign_without_a_name_control_or_date_is_refused_before_reading_rows()
    {
        var path = WriteFile("customer_id,segment\nA,x\n");
        var ex = await Assert.ThrowsAsync<ImportException>(() => ImportAsync(ImportKind.Campaign, path, campaign: new CampaignImportSettings { Name = "x", ControlArm = "c" }));
        Assert.Equal("Give the campaign's start date, or map a column with each customer's assignment date to assigned_at.", ex.Message);
    }
}
