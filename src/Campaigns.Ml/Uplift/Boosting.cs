using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// Fits and scores LightGBM models on <see cref="MatrixDataView"/>s. Each fit runs on one thread: LightGBM's OpenMP
/// threads spin-wait, and on a busy 2-core machine a 2-thread fit measured 70 times slower than a 1-thread one, so
/// learners run independent fits side by side instead (<see cref="RunAll{T}"/>).
/// </summary>
internal static class Boosting
{
    public static ITransformer Fit(IDataView view, BoosterSettings settings, bool classifier, int seed)
    {
        // A context per fit: fits run concurrently and MLContext is not documented as thread-safe.
        var ml = new MLContext(seed);
        var booster = new GradientBooster.Options { L2Regularization = 1.0 };
        if (classifier)
            return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf, NumberOfThreads = 1, Seed = seed, Silent = true,
                Booster = booster, LabelColumnName = MatrixDataView.Label, FeatureColumnName = MatrixDataView.Features,
            }).Fit(view);
        return ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
            MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf, NumberOfThreads = 1, Seed = seed, Silent = true,
            Booster = booster, LabelColumnName = MatrixDataView.Label, FeatureColumnName = MatrixDataView.Features,
        }).Fit(view);
    }

    /// <summary>Runs independent jobs on at most <paramref name="threads"/> threads (null = all cores), results in job order.</summary>
    public static T[] RunAll<T>(IReadOnlyList<Func<T>> jobs, int? threads, CancellationToken ct)
    {
        var results = new T[jobs.Count];
        try
        {
            Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount, CancellationToken = ct },
                i => results[i] = jobs[i]());
        }
        catch (AggregateException ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        return results;
    }

    /// <summary>
    /// The model's prediction for each row of the view, in view order: the probability of a classifier, else the score.
    /// With <paramref name="compiled"/> (the model's <see cref="CompiledTrees"/>) the trees are evaluated directly, else through ML.NET.
    /// </summary>
    public static void Score(ITransformer model, CompiledTrees? compiled, MatrixDataView view, Span<float> output)
    {
        if (compiled is not null) compiled.Score(view, output);
        else Score(model, view, output);
    }

    /// <summary>ML.NET's own scoring: the model's prediction for each row of the view, in view order (probability or score).</summary>
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
