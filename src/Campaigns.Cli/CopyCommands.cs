using System.Diagnostics;
using System.Text.Json;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Cli;

/// <summary>`campaigns copy train|suggest|evaluate`: the copy generator and the click-through ranker on the app's database.</summary>
internal static class CopyCommands
{
    private const string GeneratorFile = "copy-generator.zip";
    private const string RankerFile = "ctr-ranker.zip";
    private const string ToneFile = "tone-classifier.zip";

    /// <summary>
    /// Trains both models with the app's <see cref="CopyTrainingService"/>: each is stored as a model version in the database
    /// (promoted by the same rule as in the app); with --models DIR its verified artifact is also written there.
    /// </summary>
    public static async Task<int> TrainAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> open)
    {
        var directory = options.Value("models");
        await using var db = open(options);
        var corpus = await CopyCorpus.LoadAsync(db);
        Console.WriteLine($"Corpus: {corpus.Lines.Count:N0} lines ({corpus.Headlines.Count:N0} headlines with impressions), {corpus.Lexicon.Products.Count} products, {corpus.Lexicon.Categories.Count} categories");
        var request = new CopyTrainingRequest(Epochs: options.Int("epochs", 20), Bootstraps: options.Int("bootstraps", 20), Seed: options.Int("seed", 42));
        var progress = new SyncProgress<(string Stage, double Fraction)>(p => Console.Error.WriteLine($"{100 * p.Fraction,3:0}%  {p.Stage}"));
        var reports = await new CopyTrainingService(db).TrainBothAsync(request, "cli", null, progress);
        var generator = reports.Single(r => r.Kind == ModelKind.CopyGenerator);
        var ranker = reports.Single(r => r.Kind == ModelKind.CtrRanker);
        PrintMetrics(((CopyGeneratorVersionMetrics)generator.Metrics).Generator, ((CtrRankerVersionMetrics)ranker.Metrics).Ranker);
        foreach (var r in reports) Console.WriteLine($"{r.Kind} v{r.Version} ({r.Learner}): {r.Decision}");
        // The tone classifier reads the tone of each suggestion (shown in the app, measured by `copy evaluate`).
        var tone = await new ToneClassifierTrainingService(db).TrainAsync(ModelKind.ToneClassifier,
            new TrainingRun("cli") { ParametersJson = JsonSerializer.Serialize(new CopyTrainingParameters { Seed = request.Seed }, JsonSerializerOptions.Web) }, default);
        Console.WriteLine($"{tone.Kind} {tone.Summary}");
        if (directory is null) return 0;
        var store = new ModelStore(db);
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, GeneratorFile), await store.VerifiedArtifactAsync(generator.VersionId));
        await File.WriteAllBytesAsync(Path.Combine(directory, RankerFile), await store.VerifiedArtifactAsync(ranker.VersionId));
        await File.WriteAllBytesAsync(Path.Combine(directory, ToneFile), await store.VerifiedArtifactAsync(tone.VersionId));
        Console.WriteLine($"Wrote {Path.Combine(directory, GeneratorFile)}, {Path.Combine(directory, RankerFile)} and {Path.Combine(directory, ToneFile)}");
        return 0;
    }

    public static async Task<int> SuggestAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> open)
    {
        var id = Guid.TryParse(options.Value("promotion"), out var g) ? g : throw new ArgumentException("--promotion must be a campaign id (a GUID).");
        var channel = ParseChannel(options.Value("channel") ?? "push");
        var tone = Enum.TryParse<Tone>(options.Value("tone") ?? "friendly", true, out var t) ? t
            : throw new ArgumentException($"--tone must be one of {string.Join(", ", Enum.GetNames<Tone>()).ToLowerInvariant()}.");
        var count = options.Int("n", 10);
        await using var db = open(options);
        var (generator, ranker, models, owned) = await LoadModelsAsync(options, db);
        using var _ = owned;
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) ?? throw new ArgumentException($"No campaign has the id {id}.");
        var terms = await CopySuggester.TermsAsync(db, campaign, options.Value("category"), StorePromises(), DateTime.UtcNow);
        var banned = options.Values("banned").SelectMany(b => b.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var clock = Stopwatch.StartNew();
        var (result, predictions) = CopySuggester.Suggest(generator, ranker, new CopyConditions(channel, campaign.Promotion.KnownType, terms.Category, tone), terms,
            new GenerationOptions(count, Temperature: Double(options, "temperature", 1.6), TopP: Double(options, "top-p", 0.98), Seed: options.Int("seed", 1)),
            new CopyGuardrails(banned));
        clock.Stop();
        Console.WriteLine($"{campaign.Name}: {terms.Offer}{(terms.Code is null ? "" : $", code {terms.Code}")}; {channel}, {tone}; {models}");
        var rank = 0;
        foreach (var (candidate, p) in predictions)
        {
            var up = string.Join(" ", p.Up.Select(w => $"+{w.Word}"));
            var down = string.Join(" ", p.Down.Select(w => $"-{w.Word}"));
            Console.WriteLine($"{++rank,2}. {p.Ctr:P2} [{p.Low:P2}–{p.High:P2}]  {candidate.Text}   {up} {down}".TrimEnd());
        }
        Console.WriteLine($"{predictions.Count} of {count} candidates from {result.Samples} samples in {clock.Elapsed.TotalSeconds:0.00} s; " +
                          $"novel samples {result.NovelShare:P0}; dropped: {string.Join(", ", result.Dropped.OrderByDescending(d => d.Value).Select(d => $"{d.Key} {d.Value}"))}");
        return predictions.Count == 0 ? 1 : 0;
    }

    /// <summary>
    /// Suggests for every campaign × channel × tone with <see cref="CopyEvaluation"/>, prints every figure and the bars;
    /// exit 1 when a bar is missed (each one named).
    /// </summary>
    public static async Task<int> EvaluateAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> open)
    {
        await using var db = open(options);
        var (generator, ranker, models, owned) = await LoadModelsAsync(options, db);
        using var _ = owned;
        var (tones, toneSource) = await LoadToneClassifierAsync(options, db);
        Console.WriteLine($"Models: {models}; tone classifier: {toneSource}");
        PrintMetrics(generator.Metrics, ranker.Metrics);
        var count = options.Int("n", 10);
        var details = options.Flag("details");
        var report = await CopyEvaluation.RunAsync(db, generator, ranker, tones, StorePromises(), count, r =>
        {
            if (details)
                Console.WriteLine($"  {r.Campaign,-28} {r.Channel,-12} {r.Tone,-8} {r.Candidates.Count,2} candidates, {r.Samples,4} samples, " +
                                  $"distinct-2 {r.Distinct2:0.000}, {r.Seconds:0.000} s (generate {r.GeneratingSeconds:0.000} s), regenerate {r.RegeneratedNew}/{r.Regenerated} new; " +
                                  $"dropped: {string.Join(", ", r.Dropped.OrderByDescending(d => d.Value).Select(d => $"{d.Key} {d.Value}"))}");
        });
        var requests = report.Requests.Count;
        Console.WriteLine($"Suggestions over {report.Campaigns} promotions x {CopyEvaluation.Channels.Count} channels x {Enum.GetValues<Tone>().Length} tones = {requests} requests of {count}:");
        Console.WriteLine($"  requests with all {count} candidates  {report.FullRequests}/{requests}; candidates {report.Candidates:N0}");
        Console.WriteLine($"  free of every problem                  {report.CleanShare:P1}");
        Console.WriteLine($"  malformed words                        {report.MalformedWords}");
        Console.WriteLine($"  punctuation problems                   {report.PunctuationProblems}");
        Console.WriteLine($"  raw slots                              {report.RawSlots}");
        Console.WriteLine($"  unsupported claims                     {report.UnsupportedClaims}");
        Console.WriteLine($"    of which urgency                     {report.UnsupportedUrgency}");
        Console.WriteLine($"  longer than the channel's limit        {report.TooLong}");
        Console.WriteLine($"  tone agreement                         {(report.ToneAgreement is { } agreement ? agreement.ToString("P1") : "not measured (no tone classifier)")}");
        foreach (var (tone, share, readAs) in report.ToneByTone)
            Console.WriteLine($"    asked {tone.ToString().ToLowerInvariant(),-8}                     {share:P1} (read as {string.Join(", ", readAs.OrderByDescending(p => p.Value).Select(p => $"{p.Key.ToString().ToLowerInvariant()} {p.Value}"))})");
        Console.WriteLine($"  distinct-2 per request                 mean {report.Distinct2Mean:0.000}, min {report.Distinct2Min:0.000}");
        Console.WriteLine($"  novel candidates                       {report.Novelty:P1} (samples before the filter: {report.NovelSamples:P1})");
        Console.WriteLine($"  regenerate novelty                     {report.RegenerateNovelty:P1} of the second request's lines are new (mean {report.RegenerateSize:0.0} lines)");
        Console.WriteLine($"  requests cut short by the time budget  {report.TimedOut}/{requests}");
        Console.WriteLine($"  time per request (generate + rank)     median {report.MedianSeconds:0.000} s, p95 {report.P95Seconds:0.000} s, max {report.MaxSeconds:0.000} s");
        if (details)
        {
            Console.WriteLine("Failing candidates:");
            foreach (var (r, c) in report.Failing)
                Console.WriteLine($"  {r.Campaign} / {r.Channel} / {r.Tone}: \"{c.Text}\": {string.Join("; ", c.Problems)}");
            Console.WriteLine("Candidates read as another tone:");
            foreach (var r in report.Requests)
                foreach (var c in r.Candidates.Where(c => c.ReadAs is { } read && read != r.Tone))
                    Console.WriteLine($"  {r.Channel} / asked {r.Tone}, reads {c.ReadAs}: \"{c.Text}\"");
        }
        var bars = report.Bars();
        Console.WriteLine("Bars:");
        foreach (var bar in bars) Console.WriteLine($"  {(bar.Passed ? "pass" : "FAIL")}  {bar.Name,-48} {bar.Figure}");
        var missed = bars.Where(b => !b.Passed).Select(b => b.Name).ToList();
        if (missed.Count == 0) return 0;
        Console.WriteLine($"{missed.Count} of {bars.Count} bars missed: {string.Join("; ", missed)}");
        return 1;
    }

    /// <summary>
    /// The tone classifier that reads the candidates' tone: with --models DIR the one `copy train --models DIR` wrote there,
    /// else the registry's current version (as the app shows tones); none when neither exists.
    /// </summary>
    private static async Task<(ToneClassifier? Classifier, string Source)> LoadToneClassifierAsync(CommandOptions options, CampaignsDbContext db)
    {
        if (options.Value("models") is { } directory && Path.Combine(directory, ToneFile) is var path && File.Exists(path))
        {
            await using var file = File.OpenRead(path);
            return (ToneClassifier.Load(file), $"{ToneFile} in {directory}");
        }
        var store = new ModelStore(db);
        return await store.CurrentAsync(ModelKind.ToneClassifier) is { } info
            ? (await store.LoadToneClassifierAsync(info.Id), $"v{info.Version}")
            : (null, "none is current (train one on the Models page or with `campaigns copy train`)");
    }

    /// <summary>What the store promises on every order, from the same settings as the app's.</summary>
    private static StorePromises StorePromises() =>
        CopySuggester.Promises(CommandOptions.Settings<TargetingOptions>(TargetingOptions.Section), CommandOptions.Settings<StoreOptions>(StoreOptions.Section));

    private static void PrintMetrics(CopyGeneratorMetrics g, CtrRankerMetrics r)
    {
        Console.WriteLine($"Generator: held-out perplexity {g.TestPerplexity:0.00} (unigram {g.UnigramPerplexity:0.00}, bigram {g.BigramPerplexity:0.00}, λ {g.BigramLambda}); " +
                          $"{g.TrainingLines}/{g.ValidationLines}/{g.TestLines} lines train/validation/test, {g.DistinctTemplates} distinct templates, " +
                          $"vocabulary {g.Vocabulary}, {g.Epochs} epochs, {g.TrainingSeconds:0.0} s");
        Console.WriteLine($"Ranker: held-out AUC {r.Auc:0.000} (length only {r.LengthOnlyAuc:0.000}), log-loss {r.LogLoss:0.00000} (base rate {r.BaseRateLogLoss:0.00000}), " +
                          $"calibration error {r.CalibrationError:0.0000}; {r.TrainingLines}/{r.TestLines} lines, {r.Bootstraps} bootstraps, {r.TrainingSeconds:0.0} s");
    }

    /// <summary>
    /// The registry's current generator and ranker, the versions the app suggests with (checksum-verified by <see cref="ModelStore"/>,
    /// which keeps them loaded, so they are not the caller's to dispose); or, with --models DIR, the files `copy train --models DIR` wrote,
    /// which the caller disposes (<c>Owned</c>). <c>Models</c> names what was loaded.
    /// </summary>
    private static async Task<(CopyGenerator Generator, CtrRanker Ranker, string Models, IDisposable? Owned)> LoadModelsAsync(CommandOptions options, CampaignsDbContext db)
    {
        if (options.Value("models") is { } directory)
        {
            string Path(string file) => File.Exists(System.IO.Path.Combine(directory, file)) ? System.IO.Path.Combine(directory, file)
                : throw new ArgumentException($"No {file} in {directory}; run `campaigns copy train --models {directory}` first, or leave out --models to use the registry's current versions.");
            var generatorPath = Path(GeneratorFile);
            var rankerPath = Path(RankerFile);
            using var g = File.OpenRead(generatorPath);
            using var r = File.OpenRead(rankerPath);
            var fromFile = CopyGenerator.Load(g);
            return (fromFile, CtrRanker.Load(r), $"{GeneratorFile} and {RankerFile} in {directory}", fromFile);
        }
        var store = new ModelStore(db);
        var generator = await store.CurrentAsync(ModelKind.CopyGenerator) ?? throw NotTrained("copy generator");
        var ranker = await store.CurrentAsync(ModelKind.CtrRanker) ?? throw NotTrained("click-through ranker");
        return (await store.LoadCopyGeneratorAsync(generator.Id), await store.LoadCtrRankerAsync(ranker.Id), CopySuggester.ModelsText(generator.Version, ranker.Version), null);
    }

    private static ArgumentException NotTrained(string model) =>
        new($"No {model} is current in the model registry; run `campaigns copy train` (or train one on the Models page), or pass --models DIR.");

    private static CopyChannel ParseChannel(string text) => text.ToLowerInvariant() switch
    {
        "push" => CopyChannel.Push,
        "email" or "email-subject" or "subject" => CopyChannel.EmailSubject,
        "email-body" or "body" => CopyChannel.EmailBody,
        "banner" or "onsite-banner" => CopyChannel.Banner,
        _ => throw new ArgumentException($"--channel must be push, email-subject, email-body or banner, not '{text}'."),
    };

    private static double Double(CommandOptions options, string name, double fallback) => options.Value(name) is not { } text ? fallback
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v
        : throw new ArgumentException($"--{name} must be a positive number, not '{text}'.");
}
