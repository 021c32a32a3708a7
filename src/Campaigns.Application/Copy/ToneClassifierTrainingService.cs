using System.Text.Json;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>
/// Trains the tone classifier on the copy's headlines and bodies with the tone each was written in (product
/// descriptions carry no tone of their own and are left out) and stores it with <see cref="ModelVersionWriter"/>.
/// It must beat always answering one tone on held-out lines.
/// </summary>
public sealed class ToneClassifierTrainingService(CampaignsDbContext db) : IModelTrainer
{
    private readonly ModelVersionWriter _writer = new(db);

    /// <summary>A training run: its parameters are a <see cref="CopyTrainingParameters"/> (only the seed is used).</summary>
    public async Task<StoredVersion> TrainAsync(ModelKind kind, TrainingRun run, CancellationToken ct)
    {
        if (kind != ModelKind.ToneClassifier) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not the tone classifier.");
        var started = DateTime.UtcNow;
        run.Progress?.Report(("Reading the copy corpus", 0));
        var corpus = await CopyCorpus.LoadAsync(db, ct);
        var lines = corpus.Lines.Where(l => l.Conditions.Channel != CopyChannel.ProductText).ToList();
        run.Progress?.Report(("Training the tone classifier", 0.1));
        var seed = run.Parameters<CopyTrainingParameters>().Seed;
        var classifier = await Task.Run(() => ToneClassifier.Train(lines, seed), ct);
        ct.ThrowIfCancellationRequested();
        run.Progress?.Report(("Storing the tone classifier", 0.9));
        var m = classifier.Metrics;
        using var artifact = new MemoryStream();
        classifier.Save(artifact);
        var version = await _writer.StoreAsync(new CandidateVersion(ModelKind.ToneClassifier, "Maximum entropy on word and character n-grams", artifact.ToArray(),
            m.MacroAccuracy, Passes: double.IsFinite(m.MacroAccuracy) && m.MacroAccuracy > m.ChanceMacroAccuracy,
            decision => JsonSerializer.Serialize(new { classifier = m, m.CommonestConfusion, lines = lines.Count, decision }, JsonSerializerOptions.Web),
            JsonSerializer.Serialize(new { text = "word and character n-grams" }, JsonSerializerOptions.Web),
            corpus.DataFrom, corpus.DataTo, lines.Count, started), run, ct);
        run.Progress?.Report((version.Decision, 1));
        return version;
    }
}
