using System.Text.Json;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>Stored with a copy generator version: held-out perplexity with the unigram and bigram baselines on the same split.</summary>
public sealed record CopyGeneratorVersionMetrics(CopyGeneratorMetrics Generator, int CorpusLines, string Decision)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
}

/// <summary>Stored with a CTR ranker version: held-out AUC and log-loss with the length-only and base-rate baselines.</summary>
public sealed record CtrRankerVersionMetrics(CtrRankerMetrics Ranker, int Headlines, string Decision)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
}

public sealed record CopyTrainingRequest(int Epochs = 20, int Bootstraps = 20, int Seed = 42, int? Threads = null)
{
    /// <summary>Overrides every generator option but the seed, epochs and threads (smaller networks in tests).</summary>
    public CopyGeneratorOptions? Generator { get; init; }

    internal CopyGeneratorOptions GeneratorOptions()
    {
        var o = Generator ?? new CopyGeneratorOptions();
        o.Seed = Seed;
        o.Epochs = Epochs;
        o.Threads = Threads ?? o.Threads;
        return o;
    }
}

/// <summary>The stored version, whether it became current, and its main metric.</summary>
/// <param name="Metrics">A <see cref="CopyGeneratorVersionMetrics"/> or a <see cref="CtrRankerVersionMetrics"/>.</param>
public sealed record CopyTrainingReport(ModelKind Kind, Guid VersionId, int Version, string Learner, bool Promoted, string Decision, double MainMetric, object Metrics);

/// <summary>
/// Trains the copy generator and the CTR ranker on the database's copy and catalogue and stores each as a model version
/// (artifact, checksum, metrics) in one save. A version becomes current by <see cref="PromotionRule"/>: the generator
/// must have a held-out perplexity below the bigram baseline's, the ranker an AUC above the length-only baseline's,
/// and a later version must beat the current one by the schedule's margin. Used by the training jobs and the CLI.
/// </summary>
public sealed class CopyTrainingService(CampaignsDbContext db)
{
    public static readonly ModelKind[] Kinds = [ModelKind.CopyGenerator, ModelKind.CtrRanker];

    /// <summary>Trains one kind (<see cref="ModelKind.CopyGenerator"/> or <see cref="ModelKind.CtrRanker"/>).</summary>
    public async Task<CopyTrainingReport> TrainAsync(ModelKind kind, CopyTrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken ct = default)
    {
        if (!Kinds.Contains(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a copy model.");
        var corpus = await LoadCorpusAsync(progress, ct);
        return kind == ModelKind.CopyGenerator
            ? await TrainGeneratorAsync(corpus, request, triggeredBy, jobRunId, progress, ct)
            : await TrainRankerAsync(corpus, request, triggeredBy, jobRunId, progress, ct);
    }

    /// <summary>Trains the generator, then the ranker, on one reading of the corpus.</summary>
    public async Task<IReadOnlyList<CopyTrainingReport>> TrainBothAsync(CopyTrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken ct = default)
    {
        var corpus = await LoadCorpusAsync(progress, ct);
        var generator = await TrainGeneratorAsync(corpus, request, triggeredBy, jobRunId,
            new SyncProgress<(string Stage, double Fraction)>(p => progress?.Report((p.Stage, 0.9 * p.Fraction))), ct);
        var ranker = await TrainRankerAsync(corpus, request, triggeredBy, jobRunId,
            new SyncProgress<(string Stage, double Fraction)>(p => progress?.Report((p.Stage, 0.9 + 0.1 * p.Fraction))), ct);
        return [generator, ranker];
    }

    /// <summary>The corpus after recounting the in-app copy's impressions and clicks, so the ranker learns from the latest campaigns.</summary>
    private async Task<CopyCorpus> LoadCorpusAsync(IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        progress?.Report(("Reading the copy corpus", 0));
        await db.RefreshCopyStatisticsAsync(ct);
        return await CopyCorpus.LoadAsync(db, ct);
    }

    private async Task<CopyTrainingReport> TrainGeneratorAsync(CopyCorpus corpus, CopyTrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var options = request.GeneratorOptions();
        var epochs = new SyncProgress<CopyTrainingProgress>(p => progress?.Report((
            $"Epoch {p.Epoch}/{p.Epochs}: loss {p.TrainingLoss:0.000}, validation {p.ValidationLoss:0.000}", 0.05 + 0.9 * p.Epoch / Math.Max(1, p.Epochs))));
        progress?.Report(("Training the generator", 0.05));
        // Training is CPU-bound and synchronous (and checks the token between batches): keep it off the caller's thread.
        using var generator = await Task.Run(() => CopyGenerator.Train(corpus.Lines, corpus.Lexicon, options, epochs, ct), ct);
        ct.ThrowIfCancellationRequested();
        progress?.Report(("Storing the generator", 0.96));
        var m = generator.Metrics;
        var learner = $"GRU {options.Hidden}×{options.Layers}, BPE {m.Vocabulary}";
        var report = await StoreAsync(ModelKind.CopyGenerator, learner, generator.Save, m.TestPerplexity,
            passes: double.IsFinite(m.TestPerplexity) && m.TestPerplexity < m.BigramPerplexity,
            decision => new CopyGeneratorVersionMetrics(m, corpus.Lines.Count, decision),
            features: new { controls = new[] { "channel", "promotionType", "category", "tone" }, slots = Slots.All },
            corpus, corpus.Lines.Count, started, triggeredBy, jobRunId, ct);
        progress?.Report((report.Decision, 1));
        return report;
    }

    private async Task<CopyTrainingReport> TrainRankerAsync(CopyCorpus corpus, CopyTrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        progress?.Report(("Training the click-through ranker", 0.05));
        var ranker = await Task.Run(() => CtrRanker.Train(corpus.Headlines, new CtrRankerOptions { Seed = request.Seed, Bootstraps = request.Bootstraps }), ct);
        ct.ThrowIfCancellationRequested();
        progress?.Report(("Storing the ranker", 0.96));
        var m = ranker.Metrics;
        var report = await StoreAsync(ModelKind.CtrRanker, "Weighted logistic regression", ranker.Save, m.Auc,
            passes: double.IsFinite(m.Auc) && m.Auc > m.LengthOnlyAuc,
            decision => new CtrRankerVersionMetrics(m, corpus.Headlines.Count, decision),
            features: new { text = "word and character n-grams", categorical = new[] { "channel", "promotionType", "category", "tone", "channelTone", "lengthBand" } },
            corpus, corpus.Headlines.Count, started, triggeredBy, jobRunId, ct);
        progress?.Report((report.Decision, 1));
        return report;
    }

    private async Task<CopyTrainingReport> StoreAsync(ModelKind kind, string learner, Action<Stream> save, double metric, bool passes,
        Func<string, object> metrics, object features, CopyCorpus corpus, int rows, DateTime started, string triggeredBy, Guid? jobRunId, CancellationToken ct)
    {
        using var artifact = new MemoryStream();
        save(artifact);
        var bytes = artifact.ToArray();
        var current = await db.ModelVersions.Where(v => v.Kind == kind && v.Status == ModelStatus.Current).ToListAsync(ct);
        var margin = await db.RetrainingSchedules.Where(x => x.Kind == kind).Select(x => x.AutoPromoteMinGain).FirstOrDefaultAsync(ct);
        var (rule, decision) = PromotionRule.Decide(kind, passes, metric, current.Select(v => v.MainMetric).FirstOrDefault(), margin);
        var promote = rule == PromotionDecision.Promote;
        var stored = metrics(decision);
        var version = new ModelVersion
        {
            Kind = kind,
            Version = await db.NextVersionAsync(kind, ct),
            Learner = learner,
            Status = promote ? ModelStatus.Current : ModelStatus.Candidate,
            MainMetric = metric,
            TrainingTime = DateTime.UtcNow - started,
            Artifact = bytes,
            ArtifactSha256 = ModelStore.Checksum(bytes),
            MetricsJson = JsonSerializer.Serialize(stored, stored.GetType(), JsonSerializerOptions.Web),
            FeaturesJson = JsonSerializer.Serialize(features, JsonSerializerOptions.Web),
            DataFrom = corpus.DataFrom,
            DataTo = corpus.DataTo,
            RowCount = rows,
            JobRunId = jobRunId,
            TriggeredBy = triggeredBy,
            PromotedAt = promote ? DateTime.UtcNow : null,
        };
        await db.SaveTrainedAsync(version, current, $"{kind} v{version.Version} ({learner}): {decision}");
        return new CopyTrainingReport(kind, version.Id, version.Version, learner, promote, decision, metric, stored);
    }
}
