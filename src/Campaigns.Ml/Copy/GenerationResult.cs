namespace Campaigns.Ml.Copy;

/// <summary>The candidates and what happened to every sample (why the others were dropped).</summary>
/// <param name="NovelShare">Share of the finished samples whose template is not a training line (before any filter).</param>
/// <param name="TimedOut">True when the time budget ran out before enough candidates were gathered; the candidates are those found by then.</param>
public sealed record GenerationResult(IReadOnlyList<CopyCandidate> Candidates, int Samples, double NovelShare, IReadOnlyDictionary<string, int> Dropped,
    bool TimedOut = false);
