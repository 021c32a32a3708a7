namespace Campaigns.Ml.Uplift;

/// <summary>
/// Gradient-boosted trees settings. Uplift effects are small, so effect regressors are kept shallow with many rows per leaf.
/// Scoring time grows with the number of trees: with <see cref="CompiledTrees"/> about 1.3 s of CPU per million rows per 100
/// trees of 15 leaves (ML.NET's own scoring: about 4.5 s), measured 2026-11-26 on a 2-core machine shared with other builds
/// (load average 14-20), so the defaults use 100 trees at a higher rate rather than more trees at a lower one.
/// </summary>
internal sealed record BoosterSettings(int Trees, int Leaves, double LearningRate, int MinRowsPerLeaf)
{
    /// <summary>Outcome models (P(buy) or amount per arm).</summary>
    public static BoosterSettings Outcome(int rows) => new(100, 15, 0.08, Math.Clamp(rows / 2000, 20, 500));

    /// <summary>Regressors of noisy effect pseudo-outcomes (X- and DR-learners).</summary>
    public static BoosterSettings Effect(int rows) => new(100, 7, 0.08, Math.Clamp(rows / 200, 30, 2000));

    public override string ToString() => $"trees {Trees}, leaves {Leaves}, rate {LearningRate}, min rows {MinRowsPerLeaf}";
}
