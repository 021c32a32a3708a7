using Campaigns.Domain.Copy;

namespace Campaigns.Ml.Copy;

/// <summary>Held-out quality of the tone classifier on lines whose text it never saw in training.</summary>
/// <param name="MacroAccuracy">The mean over the tones in the held-out lines of the share of each tone's lines classified as that tone.</param>
/// <param name="ChanceMacroAccuracy">What always answering one tone scores: one over the number of tones held out.</param>
/// <param name="Confusion">Held-out lines by their labelled tone, then by the tone predicted.</param>
public sealed record ToneClassifierMetrics(double MacroAccuracy, double Accuracy, double ChanceMacroAccuracy,
    IReadOnlyDictionary<Tone, IReadOnlyDictionary<Tone, int>> Confusion, int TrainingLines, int TestLines, double TrainingSeconds)
{
    /// <summary>The most frequent mistake ("Playful read as Friendly: 12 of 80"), or null when there is none.</summary>
    public string? CommonestConfusion => Confusion
        .SelectMany(a => a.Value.Where(p => p.Key != a.Key && p.Value > 0).Select(p => (Actual: a.Key, Predicted: p.Key, Count: p.Value, Of: a.Value.Values.Sum())))
        .OrderByDescending(x => x.Count).Select(x => $"{x.Actual} read as {x.Predicted}: {x.Count} of {x.Of}").FirstOrDefault();
}
