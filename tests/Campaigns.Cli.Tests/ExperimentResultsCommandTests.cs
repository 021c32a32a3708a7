using System.Text.Json;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Experiments;
using Campaigns.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public sealed class ExperimentResultsCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-cli-results-").FullName;
    private string Database => $"Data Source={Path.Combine(_folder, "store.db")}";
    private Guid _experiment;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await RunAsync("seed", "--customers", "400", "--seed", "7")).Code);
        await using var db = Open();
        _experiment = (await db.Experiments.AsNoTracking().FirstAsync(e => e.Name == "Spring Wardrobe 20% vs 10%")).Id;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private CampaignsDbContext Open() => new DatabaseOptions { ConnectionString = Database }.CreateContext();

    private Task<ExperimentResultsView?> ViewAsync(ResultsOptions options)
    {
        var factory = new ContextFactory(Open);
        return new ExperimentStatistics(factory, new RollupCatchUp(factory), new MoneyFormat("EUR"), new()).LoadAsync(_experiment, options);
    }

    private Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => CliRun.RunAsync([.. args, "--database", Database]);

    [Fact]
    public async Task Prints_the_name_the_headline_the_arms_and_every_verdict_the_results_page_shows()
    {
        var (code, stdout, stderr) = await RunAsync("stats", "experiment", "--id", _experiment.ToString());

        Assert.True(code == 0, stderr);
        var view = (await ViewAsync(new ResultsOptions()))!;
        var lines = stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{view.Name} ({view.Status})", lines[0]);
        Assert.Equal(view.Headline, lines[1]);
        Assert.Equal(view.Arms.Select(a => $"  {a.Arm}{(a.IsControl ? " (control)" : "")}: {a.Exposed:N0} exposed, {a.Converters:N0} converted"), lines[2..(2 + view.Arms.Count)]);
        Assert.Equal(view.Report.Comparisons.Select(c => "  " + c.Verdict), lines[(2 + view.Arms.Count)..]);
    }

    [Fact]
    public async Task Json_is_the_results_as_the_api_writes_them_for_the_options_named()
    {
        var (code, stdout, stderr) = await RunAsync("stats", "experiment", "--id", _experiment.ToString(), "--engine", "frequentist", "--correction", "benjamini-hochberg",
            "--cuped", "false", "--winsorize", "0.95", "--json");

        Assert.True(code == 0, stderr);
        var view = (await ViewAsync(new ResultsOptions { Engine = Analytics.AnalysisEngine.Frequentist, Correction = Analytics.CorrectionMethod.BenjaminiHochberg, UseCuped = false, WinsorizePercentile = 0.95 }))!;
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(view.Headline, json.GetProperty("headline").GetString());
        Assert.Equal("Frequentist", json.GetProperty("options").GetProperty("engine").GetString());
        var first = json.GetProperty("report").GetProperty("comparisons")[0];
        Assert.Equal(view.Report.Comparisons[0].AdjustedPValue!.Value, first.GetProperty("adjustedPValue").GetDouble(), 12);
    }

    [Fact]
    public async Task An_unknown_experiment_or_engine_is_named()
    {
        var unknown = Guid.NewGuid();
        var (code, _, stderr) = await RunAsync("stats", "experiment", "--id", unknown.ToString());
        Assert.Equal(2, code);
        Assert.Contains($"No experiment has id {unknown}.", stderr);

        (code, _, stderr) = await RunAsync("stats", "experiment", "--id", _experiment.ToString(), "--engine", "astrology");
        Assert.Equal(2, code);
        Assert.Contains("--engine must be one of Frequentist, Bayesian, Sequential, not 'astrology'.", stderr);
    }
}
