using System.Net;
using System.Text.Json;
using Campaigns.Application.Experiments;
using Campaigns.Domain.Experiments;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Experiments;

public class ExperimentResultsTests(LargerSeededApp fixture) : IClassFixture<LargerSeededApp>
{
    private ExperimentStatistics Statistics => fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ExperimentStatistics>();

    private async Task<Experiment> ThreeArmExperimentAsync()
    {
        await using var db = fixture.App.OpenDatabase();
        return await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstAsync(e => e.Name == "Spring Wardrobe 20% vs 10%");
    }

    [Fact]
    public async Task The_api_and_the_csv_give_the_same_numbers_as_the_page()
    {
        var experiment = await ThreeArmExperimentAsync();
        var view = (await Statistics.LoadAsync(experiment.Id, new ResultsOptions()))!;
        var client = await fixture.App.SignedInClientAsync("manager@demo.local");

        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/experiments/{experiment.Id}/results")).RootElement;
        var comparisons = json.GetProperty("report").GetProperty("comparisons").EnumerateArray().ToList();
        Assert.Equal(view.Report.Comparisons.Count, comparisons.Count);
        var first = view.Report.Comparisons[0];
        Assert.Equal(first.PValue!.Value, comparisons[0].GetProperty("pValue").GetDouble(), 12);

        var csv = await client.GetStringAsync($"/api/experiments/{experiment.Id}/results.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(view.Report.Comparisons.Count + 1, lines.Length);
        Assert.Contains(first.PValue.Value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture), lines[1]);

        // One verdict, from one rule, everywhere.
        Assert.Equal(view.Headline, json.GetProperty("headline").GetString());
        Assert.Equal(view.Verdict.Action.ToString(), json.GetProperty("verdict").GetProperty("reading").GetProperty("action").GetString());
        Assert.EndsWith(",recommendation,headline", lines[0].TrimEnd('\r'));
        var verdictCells = $"{view.Verdict.Action}," + global::Campaigns.Imports.Csv.CsvText.Cell(view.Headline);
        Assert.All(lines.Skip(1), l => Assert.Contains(verdictCells, l));
    }

    [Fact]
    public async Task Marketers_cannot_read_results_through_the_api()
    {
        var experiment = await ThreeArmExperimentAsync();
        var client = await fixture.App.SignedInClientAsync("marketer@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/experiments/{experiment.Id}/results")).StatusCode);
    }
}
