using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Campaigns.Ml.Uplift;

/// <summary>Gradient-boosted trees settings. Uplift effects are small, so effect regressors are kept shallow and slow.</summary>
public sealed record BoosterSettings(int Trees, int Leaves, double LearningRate, int MinRowsPerLeaf)
{
    /// <summary>Outcome models (P(buy) or amount per arm).</summary>
    public static BoosterSettings Outcome(int rows) => new(150, 15, 0.05, Math.Clamp(rows / 2000, 20, 500));

    /// <summary>Regressors of noisy effect pseudo-outcomes (X- and DR-learners).</summary>
    public static BoosterSettings Effect(int rows) => new(100, 7, 0.03, Math.Clamp(rows / 300, 50, 3000));

    public override string ToString() => $"trees {Trees}, leaves {Leaves}, rate {LearningRate}, min rows {MinRowsPerLeaf}";
}

/// <summary>Fits and scores LightGBM models on <see cref="MatrixDataView"/>s.</summary>
internal static class Boosting
{
    public static ITransformer Fit(MLContext ml, IDataView view, BoosterSettings settings, bool classifier, int? threads, int seed)
    {
        var booster = new GradientBooster.Options { L2Regularization = 1.0 };
        if (classifier)
            return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf, NumberOfThreads = threads, Seed = seed, Silent = true,
                Booster = booster, LabelColumnName = MatrixDataView.Label, FeatureColumnName = MatrixDataView.Features,
            }).Fit(view);
        return ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
            MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf, NumberOfThreads = threads, Seed = seed, Silent = true,
            Booster = booster, LabelColumnName = MatrixDataView.Label, FeatureColumnName = MatrixDataView.Features,
        }).Fit(view);
    }

    /// <summary>The model's prediction for each row of the view, in view order: the probability of a classifier, else the score.</summary>
    public static void Score(ITransformer model, IDataView view, Span<float> output)
    {
        var scored = model.Transform(view);
        var column = scored.Schema.GetColumnOrNull("Probability") ?? scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        var value = 0f;
        var i = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            output[i++] = value;
        }
    }
}
