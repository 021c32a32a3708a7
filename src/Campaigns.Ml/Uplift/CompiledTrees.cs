using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// A LightGBM model's trees in flat arrays, scored row by row without ML.NET's transforms and cursors. It gives ML.NET's
/// floats exactly (ML.NET 5.0.1, Microsoft.ML.FastTree): each tree's leaf as InternalRegressionTree.GetLeafCore finds it
/// (go left when value &lt;= threshold; a NaN takes the node's DefaultValueForMissing, or stays NaN and goes right when the
/// tree has none), the leaf values summed in double in tree order and cast to float (InternalTreeEnsemble.GetOutput,
/// TreeEnsembleModelParameters.Map), then for a classifier PlattCalibrator.PredictProbability. Derived from the model when
/// it is fitted or loaded, never saved. Immutable and thread-safe.
/// </summary>
internal sealed class CompiledTrees
{
    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly double[] _leaves;
    private readonly PlattCalibrator? _platt;
    private readonly int _featureCount;

    /// <param name="Left">Child when value &lt;= threshold: a node index, or ~leaf index when negative; likewise Right.</param>
    /// <param name="Missing">The value a NaN feature is replaced by at this node (NaN: it stays NaN and goes right).</param>
    private readonly record struct Node(int Feature, float Threshold, float Missing, int Left, int Right);

    private CompiledTrees(Node[] nodes, int[] roots, double[] leaves, PlattCalibrator? platt, int featureCount) =>
        (_nodes, _roots, _leaves, _platt, _featureCount) = (nodes, roots, leaves, platt, featureCount);

    public int Trees => _roots.Length;

    /// <summary>
    /// The trees of a LightGBM binary classifier (Platt-calibrated) or regressor as <see cref="Boosting.Fit"/> makes them, or
    /// null when the model is anything else or cannot be evaluated exactly (categorical splits, tree weights or a bias that
    /// ML.NET's scoring ignores, or an ML.NET whose internals no longer carry the missing-value defaults): score it with ML.NET.
    /// </summary>
    public static CompiledTrees? TryCompile(ITransformer model) => model switch
    {
        ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> binary =>
            TryCompile(binary.Model.SubModel.TrainedTreeEnsemble, binary.Model.Calibrator),
        ISingleFeaturePredictionTransformer<LightGbmRegressionModelParameters> regression => TryCompile(regression.Model.TrainedTreeEnsemble, null),
        _ => null,
    };

    private static CompiledTrees? TryCompile(RegressionTreeEnsemble ensemble, PlattCalibrator? platt)
    {
        if (ensemble.Bias != 0 || ensemble.TreeWeights.Any(w => w != 1)) return null;
        var (nodes, roots, leaves) = (new List<Node>(), new List<int>(), new List<double>());
        var featureCount = 0;
        foreach (var tree in ensemble.Trees)
        {
            // InternalRegressionTree.GetOutput: a tree whose root has no left child is empty and adds nothing.
            if (tree.LeftChild.Count == 0 || tree.LeftChild[0] == 0) continue;
            if (tree.CategoricalSplitFlags.Any(c => c) || !TryGetMissingDefaults(tree, out var missing)) return null;
            var (nodeBase, leafBase) = (nodes.Count, leaves.Count);
            int Child(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            // GetLeafCore: a one-leaf tree is its leaf 0.
            roots.Add(tree.NumberOfLeaves == 1 ? ~leafBase : nodeBase);
            if (tree.NumberOfLeaves > 1)
                for (var n = 0; n < tree.NumberOfNodes; n++)
                {
                    var feature = tree.NumericalSplitFeatureIndexes[n];
                    featureCount = Math.Max(featureCount, feature + 1);
                    nodes.Add(new Node(feature, tree.NumericalSplitThresholds[n], missing is null ? float.NaN : missing[n],
                        Child(tree.LeftChild[n]), Child(tree.RightChild[n])));
                }
            leaves.AddRange(tree.LeafValues);
        }
        return new CompiledTrees(nodes.ToArray(), roots.ToArray(), leaves.ToArray(), platt, featureCount);
    }

    /// <summary>
    /// InternalRegressionTree.DefaultValueForMissing, which the public RegressionTree does not expose: null when a NaN
    /// stays NaN. LightGBM sets the default to the threshold (missing goes left) or the threshold + 1 (right) on nodes that
    /// learned a missing direction, 0 elsewhere, and ML.NET drops the array when every default is 0.
    /// </summary>
    private static bool TryGetMissingDefaults(RegressionTree tree, out float[]? missing)
    {
        missing = null;
        var internalTree = typeof(RegressionTreeBase).GetField("_tree", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(tree);
        var field = internalTree?.GetType().GetField("DefaultValueForMissing", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (field?.FieldType != typeof(float[])) return false;
        missing = (float[]?)field.GetValue(internalTree);
        return missing is null || missing.Length >= tree.NumberOfNodes;
    }

    /// <summary>The model's prediction for each row of the view, in view order: the probability of a classifier, else the score.</summary>
    public void Score(MatrixDataView view, Span<float> output)
    {
        if (view.FeatureCount < _featureCount)
            throw new ArgumentException($"The trees split on feature {_featureCount - 1}, but the view has {view.FeatureCount} features.", nameof(view));
        Span<float> buffer = view.FeatureCount <= 512 ? stackalloc float[view.FeatureCount] : new float[view.FeatureCount];
        for (var i = 0; i < view.Count; i++)
        {
            var score = (float)Sum(view.Row(i, buffer));
            output[i] = _platt is null || float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp(_platt.Slope * score + _platt.Offset)));
        }
    }

    private double Sum(ReadOnlySpan<float> row)
    {
        var (nodes, leaves) = (_nodes, _leaves);
        var sum = 0.0;
        foreach (var root in _roots)
        {
            var node = root;
            while (node >= 0)
            {
                ref readonly var split = ref nodes[node];
                var value = row[split.Feature];
                if (float.IsNaN(value)) value = split.Missing;
                node = value <= split.Threshold ? split.Left : split.Right;
            }
            sum += leaves[~node];
        }
        return sum;
    }
}
