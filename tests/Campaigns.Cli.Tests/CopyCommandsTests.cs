using Campaigns.Application.Campaigns;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;

namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public sealed class CopyCommandsTests(TrainedCopyStore store) : IClassFixture<TrainedCopyStore>
{
    private Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => CliRun.RunAsync([.. args, "--database", store.Database]);

    /// <summary>What the store promises with the app's default settings, as the CLI reads them from appsettings.json.</summary>
    private static readonly StorePromises AppDefaults = CopySuggester.Promises(new TargetingOptions(), new StoreOptions());

    private async Task<Campaign> DraftAsync()
    {
        var start = DateTime.UtcNow.Date.AddDays(3);
        var saved = await new CampaignService(new ContextFactory(store.Open), new MoneyFormat("EUR"), AppDefaults).SaveAsync(new Campaign
        {
            Name = $"Copy {Guid.NewGuid():N}"[..20], CreatedBy = "", StartsAt = start, EndsAt = start.AddDays(10), Budget = 1000,
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push },
        }, "tests");
        Assert.True(saved.Succeeded, saved.Message);
        return saved.Value!;
    }

    [Fact]
    public async Task Suggest_uses_the_registrys_current_versions_the_same_the_app_suggests_with()
    {
        var campaign = await DraftAsync();
        var app = await new CopySuggestionService(new ContextFactory(store.Open), AppDefaults).SuggestAsync(campaign.Id, Tone.Friendly, "tests", count: 3);
        Assert.True(app.Succeeded, app.Message);

        var (code, output, error) = await RunAsync("copy", "suggest", "--promotion", campaign.Id.ToString(), "--channel", "push", "-n", "3");

        Assert.True(code == 0, error + output);
        await using var db = store.Open();
        var registry = new ModelStore(db);
        var generator = await registry.CurrentAsync(ModelKind.CopyGenerator);
        var ranker = await registry.CurrentAsync(ModelKind.CtrRanker);
        var current = CopySuggester.ModelsText(generator!.Version, ranker!.Version);
        Assert.Equal(current, app.Value!.Models);
        Assert.Contains($"; {current}", output);
    }

    [Fact]
    public async Task Evaluate_names_the_registry_versions_prints_every_bar_and_exits_1_naming_the_missed_ones()
    {
        await using var db = store.Open();
        var registry = new ModelStore(db);
        var generator = await registry.CurrentAsync(ModelKind.CopyGenerator);
        var ranker = await registry.CurrentAsync(ModelKind.CtrRanker);

        // The store has no tone classifier, so tone agreement is not measured and its bar is missed.
        var (code, output, error) = await RunAsync("copy", "evaluate", "-n", "1", "--details");

        Assert.True(code == 1, error + output);
        Assert.Contains($"Models: {CopySuggester.ModelsText(generator!.Version, ranker!.Version)}; tone classifier: none is current", output);
        foreach (var figure in new[] { "free of every problem", "malformed words", "punctuation problems", "raw slots", "unsupported claims", "of which urgency",
                     "tone agreement", "distinct-2 per request", "novel candidates", "regenerate novelty", "time per request" })
            Assert.Contains(figure, output);
        Assert.Contains("FAIL  tone agreement ≥ 80%", output);
        Assert.Matches(@"\d+ of 10 bars missed: .*tone agreement ≥ 80%", output);
        Assert.Contains("Failing candidates:", output);
    }

    [Fact]
    public async Task Models_from_files_are_named_and_a_folder_without_them_says_how_to_write_them()
    {
        var folder = Path.Combine(store.Folder, "models");
        var missing = await RunAsync("copy", "evaluate", "--models", folder);
        Assert.Equal(2, missing.Code);
        Assert.Contains($"No copy-generator.zip in {folder}; run `campaigns copy train --models {folder}` first", missing.Error);

        Directory.CreateDirectory(folder);
        await using (var db = store.Open())
        {
            var registry = new ModelStore(db);
            foreach (var (kind, file) in new[] { (ModelKind.CopyGenerator, "copy-generator.zip"), (ModelKind.CtrRanker, "ctr-ranker.zip") })
                await File.WriteAllBytesAsync(Path.Combine(folder, file), await registry.VerifiedArtifactAsync((await registry.CurrentAsync(kind))!.Id));
        }
        var campaign = await DraftAsync();
        var (code, output, error) = await RunAsync("copy", "suggest", "--promotion", campaign.Id.ToString(), "-n", "2", "--models", folder);
        Assert.True(code == 0, error + output);
        Assert.Contains($"; copy-generator.zip and ctr-ranker.zip in {folder}", output);
    }
}
