using Campaigns.Ml.Uplift;
using Microsoft.ML;

namespace Campaigns.Ml.Tests.Uplift;

public class CompiledTreesTests(TrainedLearners trained) : IClassFixture<TrainedLearners>
{
    private const int Width = 6;

    public static TheoryData<UpliftLearner> TreeLearners => [UpliftLearner.S, UpliftLearner.T, UpliftLearner.X, UpliftLearner.DR];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_classifier_and_a_regressor_score_as_ML_NET_scores_them_on_rows_with_missing_values(bool classifier)
    {
        // Features 0-4 miss a quarter of their values in training (LightGBM learns a direction for NaN), feature 5 never
        // does (NaN at scoring falls back to ML.NET's default); missingness of feature 0 itself carries signal.
        var (x, labels) = Rows(4000, seed: 1, trainingMissing: 0.25);
        var model = Boosting.Fit(MatrixDataView.All(x, Width, Enumerable.Range(0, 4000).ToArray(), labels, booleanLabel: classifier),
            new BoosterSettings(40, 15, 0.1, 20), classifier, seed: 1);
        var compiled = CompiledTrees.TryCompile(model);
        var (test, _) = Rows(3000, seed: 2, trainingMissing: 0.3, missingIn: Width);
        var view = MatrixDataView.All(test, Width, Enumerable.Range(0, 3000).ToArray());
        var (expected, actual) = (new float[3000], new float[3000]);

        Boosting.Score(model, view, expected);
        Assert.NotNull(compiled);
        compiled.Score(view, actual);

        Assert.Equal(40, compiled.Trees);
        Assert.True(MaxDifference(expected, actual) < 1e-5, $"max difference {MaxDifference(expected, actual)}");
        Assert.True(expected.Distinct().Count() > 100, "the model should spread its predictions");
    }

    [Theory]
    [MemberData(nameof(TreeLearners))]
    public void Each_tree_learner_loaded_from_a_file_scores_as_ML_NET_scores_it_on_rows_with_missing_values(UpliftLearner learner)
    {
        using var file = new MemoryStream();
        trained.Results[learner].Model.Save(file);
        file.Position = 0;
        var model = UpliftModel.Load(file);
        var x = model.Encoding.Encode(trained.Test.Data, standardize: false);
        var random = new Random(3);
        for (var i = 0; i < x.Length; i++)
            if (i % model.Encoding.Width < model.Encoding.Numeric.Count && random.NextDouble() < 0.2) x[i] = float.NaN;
        var rows = Enumerable.Range(0, trained.Test.Data.Count).ToArray();

        var (expected, actual) = (model.PredictEncoded(x, rows, compiled: false), model.PredictEncoded(x, rows));

        Assert.True(model.TreesCompiled);
        var control = MaxDifference(Enumerable.Range(0, rows.Length).Select(expected.ControlOutcome), Enumerable.Range(0, rows.Length).Select(actual.ControlOutcome));
        var effect = MaxDifference(Enumerable.Range(0, rows.Length).Select(i => expected.Effect(i, 1)), Enumerable.Range(0, rows.Length).Select(i => actual.Effect(i, 1)));
        Assert.True(control < 1e-5 && effect < 1e-5, $"max difference: control {control}, effect {effect}");
    }

    [Fact]
    public void A_model_that_is_not_a_LightGBM_ensemble_is_left_to_ML_NET()
    {
        var ml = new MLContext(0);
        Assert.Null(CompiledTrees.TryCompile(ml.Transforms.CopyColumns("a", MatrixDataView.Features).Fit(MatrixDataView.All([0f], 1, [0]))));
    }

    /// <summary>Width-column rows; features before <paramref name="missingIn"/> are NaN with the given chance.</summary>
    private static (float[] X, float[] Labels) Rows(int rows, int seed, double trainingMissing, int missingIn = Width - 1)
    {
        var random = new Random(seed);
        var x = new float[rows * Width];
        var labels = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * Width, Width);
            for (var j = 0; j < Width; j++) row[j] = j < missingIn && random.NextDouble() < trainingMissing ? float.NaN : (float)(random.NextDouble() * 2 - 1);
            var signal = (float.IsNaN(row[0]) ? 0.8 : row[0]) - (float.IsNaN(row[1]) ? 0 : row[1] * row[2]) + 0.5 * row[5];
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-2 * signal)) ? 1 : 0;
        }
        return (x, labels);
    }

    /// <summary>Largest absolute difference; infinite where only one side is NaN.</summary>
    private static double MaxDifference(IEnumerable<float> a, IEnumerable<float> b) =>
        a.Zip(b, (u, v) => float.IsNaN(u) || float.IsNaN(v) ? (float.IsNaN(u) && float.IsNaN(v) ? 0 : double.PositiveInfinity) : Math.Abs((double)u - v)).Max();
}
