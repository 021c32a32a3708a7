using System.Text.Json;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>
/// Trains the copy generator and the CTR ranker on the database's copy and catalogue and stores each with
/// <see cref="ModelVersionWriter"/>. The generator must have a held-out perplexity below the bigram baseline's, the
/// ranker an AUC above the length-only baseline's. Used by the training jobs and the CLI.
/// </summary>
public sealed class CopyTrainingService(CampaignsDbContext db) : IModelTrainer
{
    public static readonly ModelKind[] Kinds = [ModelKind.CopyGenerator, ModelKind.CtrRanker];

    private readonly ModelVersionWriter _writer = new(db);

    /// <summary>Trains one kind (<see cref="ModelKind.CopyGenerator"/> or <see cref="ModelKind.CtrRanker"/>).</summary>
    public async Task<CopyTrainingReport> TrainAsync(ModelKind kind, CopyTrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken ct = default) =>
        await TrainAsync(kind, request, new TrainingRun(triggeredBy, jobRunId) { Progress = progress }, ct);

    /// <summary>A training run of the job: its parameters are a <see cref="CopyTrainingParameters"/>.</summary>
    async Task<StoredVersion> IModelTrainer.TrainAsync(ModelKind kind, TrainingRun run, CancellationToken ct)
    {
        var p = run.Parameters<CopyTrainingParameters>();
        return (await TrainAsync(kind, new CopyTrainingRequest(p.Epochs, p.Bootstraps, p.Seed, run.Threads), run, ct)).Stored;
    }

    private async Task<CopyTrainingReport> TrainAsync(ModelKind kind, CopyTrainingRequest request, TrainingRun run, CancellationToken ct)
    {
        if (!Kinds.Contains(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a copy model.");
        var corpus = await LoadCorpusAsync(run.Progress, ct);
        return kind == ModelKind.CopyGenerator ? await TrainGeneratorAsync(corpus, request, run, ct) : await TrainRankerAsync(corpus, request, run, ct);
    }

    /// <summary>Trains the generator, then the ranker, on one reading of the corpus.</summary>
    public async Task<IReadOnlyList<CopyTrainingReport>> TrainBothAsync(CopyTrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken ct = default)
    {
        var corpus = await LoadCorpusAsync(progress, ct);
        var generator = await TrainGeneratorAsync(corpus, request, new TrainingRun(triggeredBy, jobRunId)
        { Progress = new SyncProgress<(string Stage, double Fraction)>(p => progress?.Report((p.Stage, 0.9 * p.Fraction))) }, ct);
        var ranker = await TrainRankerAsync(corpus, request, new TrainingRun(triggeredBy, jobRunId)
        { Progress = new SyncProgress<(string Stage, double Fraction)>(p => progress?.Report((p.Stage, 0.9 + 0.1 * p.Fraction))) }, ct);
        return [generator, ranker];
    }

    /// <summary>The corpus after recounting the in-app copy's impressions and clicks, so the ranker learns from the latest campaigns.</summary>
    private async Task<CopyCorpus> LoadCorpusAsync(IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        progress?.Report(("Reading the copy corpus", 0));
        await db.RefreshCopyStatisticsAsync(ct);
        return await CopyCorpus.LoadAsync(db, ct);
    }

    private async Task<CopyTrainingReport> TrainGeneratorAsync(CopyCorpus corpus, CopyTrainingRequest request, TrainingRun run, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var options = request.GeneratorOptions();
        var epochs = new SyncProgress<CopyTrainingProgress>(p => run.Progress?.Report((
            $"Epoch {p.Epoch}/{p.Epochs}: loss {p.TrainingLoss:0.000}, validation {p.ValidationLoss:0.000}", 0.05 + 0.9 * p.Epoch / Math.Max(1, p.Epochs))));
        run.Progress?.Report(("Training the generator", 0.05));
        // Training is CPU-bound and synchronous (and checks the token between batches): keep it off the caller's thread.
        using var generator = await Task.Run(() => CopyGenerator.Train(corpus.Lines, corpus.Lexicon, options, epochs, ct), ct);
        ct.ThrowIfCancellationRequested();
        run.Progress?.Report(("Storing the generator", 0.96));
        var m = generator.Metrics;
        return await StoreAsync(ModelKind.CopyGenerator, $"GRU {options.Hidden}×{options.Layers}, {m.Vocabulary} words", generator.Save, m.TestPerplexity,
            passes: double.IsFinite(m.TestPerplexity) && m.TestPerplexity < m.BigramPerplexity,
            decision => new CopyGeneratorVersionMetrics(m, corpus.Lines.Count, decision),
            features: new { controls = new[] { "channel", "promotionType", "category", "tone" }, slots = Slots.All },
            corpus, corpus.Lines.Count, started, run, ct);
    }

    private async Task<CopyTrainingReport> TrainRankerAsync(CopyCorpus corpus, CopyTrainingRequest request, TrainingRun run, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        run.Progress?.Report(("Training the click-through ranker", 0.05));
        var ranker = await Task.Run(() => CtrRanker.Train(corpus.Headlines, new CtrRankerOptions { Seed = request.Seed, Bootstraps = request.Bootstraps }), ct);
        ct.ThrowIfCancellationRequested();
        run.Progress?.Report(("Storing the ranker", 0.96));
        var m = ranker.Metrics;
        return await StoreAsync(ModelKind.CtrRanker, "Weighted logistic regression", ranker.Save, m.Auc,
            passes: double.IsFinite(m.Auc) && m.Auc > m.LengthOnlyAuc,
            decision => new CtrRankerVersionMetrics(m, corpus.Headlines.Count, decision),
            features: new { text = "word and character n-grams", categorical = new[] { "channel", "promotionType", "category", "tone", "channelTone", "lengthBand" } },
            corpus, corpus.Headlines.Count, started, run, ct);
    }

    private async Task<CopyTrainingReport> StoreAsync(ModelKind kind, string learner, Action<Stream> save, double metric, bool passes,
        Func<string, object> metrics, object features, CopyCorpus corpus, int rows, DateTime started, TrainingRun run, CancellationToken ct)
    {
        using var artifact = new MemoryStream();
        save(artifact);
        object? stored = null;
        var version = await _writer.StoreAsync(new CandidateVersion(kind, learner, artifact.ToArray(), metric, passes,
            decision => { stored = metrics(decision); return JsonSerializer.Serialize(stored, stored.GetType(), JsonSerializerOptions.Web); },
            JsonSerializer.Serialize(features, JsonSerializerOptions.Web), corpus.DataFrom, corpus.DataTo, rows, started), run, ct);
        run.Progress?.Report((version.Decision, 1));
        return new CopyTrainingReport(version, stored!);
    }
}
