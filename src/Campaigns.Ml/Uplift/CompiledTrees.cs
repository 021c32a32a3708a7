using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// A LightGBM model's trees in flat arrays, scored without ML.NET's transforms and cursors. It gives ML.NET's
/// floats exactly (ML.NET 5.0.1, Microsoft.ML.FastTree): each tree's leaf as InternalRegressionTree.GetLeafCore finds it
/// (go left when value &lt;= threshold; a NaN takes the node's DefaultValueForMissing, or stays NaN and goes right when the
/// tree has none), the leaf values summed in double in tree order and cast to float (InternalTreeEnsemble.GetOutput,
/// TreeEnsembleModelParameters.Map), then for a classifier PlattCalibrator.PredictProbability. Derived from the model when
/// it is fitted or loaded, never saved. Immutable and thread-safe.
/// Rows go through each tree in blocks, all rows of a block one level at a time: their paths are independent, so the CPU
/// overlaps them instead of waiting on one unpredictable branch after another. Leaves point to themselves, so every row
/// takes the tree's depth in steps. Measured on 100 trees of 15 leaves: about 3 to 3.5 times less CPU than ML.NET's scoring on
/// one core, where row-at-a-time branching walks were only about 1.5 times faster.
/// </summary>
internal sealed class CompiledTrees
{
    private const int RowsPerBlock = 64;

    private readonly Node[] _nodes;
    private readonly double[] _leafValues;
    private readonly (int Root, int Depth)[] _trees;
    private readonly PlattCalibrator? _platt;
    private readonly int _featureCount;

    /// <param name="left">Node taken when the value is &lt;= the threshold (right: the other); a leaf points to itself.</param>
    /// <param name="missing">The value a NaN feature is replaced by at this node (NaN: it stays NaN and goes right).</param>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Node(int feature, float threshold, float missing, int left, int right)
    {
        public readonly int Feature = feature;
        public readonly float Threshold = threshold;
        public readonly float Missing = missing;
        public readonly int Left = left;
        public readonly int Right = right; // must follow Left: Sum picks a child as Left + (0 or 1)
    }

    private CompiledTrees(Node[] nodes, double[] leafValues, (int, int)[] trees, PlattCalibrator? platt, int featureCount) =>
        (_nodes, _leafValues, _trees, _platt, _featureCount) = (nodes, leafValues, trees, platt, featureCount);

    public int Trees => _trees.Length;

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
        var (nodes, values, trees) = (new List<Node>(), new List<double>(), new List<(int, int)>());
        var featureCount = 0;
        foreach (var tree in ensemble.Trees)
        {
            // InternalRegressionTree.GetOutput: a tree whose root has no left child is empty and adds nothing.
            if (tree.LeftChild.Count == 0 || tree.LeftChild[0] == 0) continue;
            if (tree.CategoricalSplitFlags.Any(c => c) || !TryGetMissingDefaults(tree, out var missing)) return null;
            // Internal nodes first, then the leaves; GetLeafCore: a one-leaf tree is its leaf 0.
            var internalNodes = tree.NumberOfLeaves > 1 ? tree.NumberOfNodes : 0;
            var (first, leaves) = (nodes.Count, nodes.Count + internalNodes);
            int Index(int child) => child >= 0 ? first + child : leaves + ~child;
            // Children come after their parent in ML.NET's trees; anything else is not a tree this evaluator can walk safely.
            bool Valid(int parent, int child) => child >= 0 ? child > parent && child < internalNodes : ~child < tree.NumberOfLeaves;
            for (var n = 0; n < internalNodes; n++)
            {
                var feature = tree.NumericalSplitFeatureIndexes[n];
                if (feature < 0 || !Valid(n, tree.LeftChild[n]) || !Valid(n, tree.RightChild[n])) return null;
                featureCount = Math.Max(featureCount, feature + 1);
                nodes.Add(new Node(feature, tree.NumericalSplitThresholds[n], missing is null ? float.NaN : missing[n],
                    Index(tree.LeftChild[n]), Index(tree.RightChild[n])));
                values.Add(0);
            }
            for (var leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
            {
                nodes.Add(new Node(0, 0, 0, leaves + leaf, leaves + leaf));
                values.Add(tree.LeafValues[leaf]);
            }
            trees.Add((first, internalNodes == 0 ? 0 : Depth(tree, 0)));
        }
        return new CompiledTrees(nodes.ToArray(), values.ToArray(), trees.ToArray(), platt, featureCount);
    }

    /// <summary>Splits on the longest path from the node to a leaf.</summary>
    private static int Depth(RegressionTree tree, int node) =>
        node < 0 ? 0 : 1 + Math.Max(Depth(tree, tree.LeftChild[node]), Depth(tree, tree.RightChild[node]));

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
        var width = view.FeatureCount;
        if (width < _featureCount)
            throw new ArgumentException($"The trees split on feature {_featureCount - 1}, but the view has {width} features.", nameof(view));
        var block = new float[RowsPerBlock * width];
        Span<int> at = stackalloc int[RowsPerBlock];
        Span<double> sums = stackalloc double[RowsPerBlock];
        for (var start = 0; start < view.Count; start += RowsPerBlock)
        {
            var rows = Math.Min(RowsPerBlock, view.Count - start);
            for (var r = 0; r < rows; r++) view.CopyRow(start + r, block.AsSpan(r * width, width));
            Sum(block, width, at[..rows], sums[..rows]);
            for (var r = 0; r < rows; r++)
            {
                var score = (float)sums[r];
                output[start + r] = _platt is null || float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp(_platt.Slope * score + _platt.Offset)));
            }
        }
    }

    /// <summary>Each row's leaf values summed over the trees in order (as ML.NET sums them), for rows of <paramref name="block"/>.</summary>
    private void Sum(float[] block, int width, Span<int> at, Span<double> sums)
    {
        // Indexes are checked when compiling (features below _featureCount <= width, nodes within the array).
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var x = ref MemoryMarshal.GetArrayDataReference(block);
        sums.Clear();
        ref var next = ref MemoryMarshal.GetReference(at);
        var count = at.Length;
        foreach (var (root, depth) in _trees)
        {
            at.Fill(root);
            for (var level = 0; level < depth; level++)
                for (var r = 0; r < count; r++)
                {
                    // Branch-free step: the comparison picks Left or Right by offset, so a wrong guess costs no pipeline flush.
                    ref var node = ref Unsafe.Add(ref next, r);
                    ref readonly var split = ref Unsafe.Add(ref nodes, node);
                    var value = Unsafe.Add(ref x, r * width + split.Feature);
                    if (float.IsNaN(value)) value = split.Missing;
                    var right = !(value <= split.Threshold);
                    node = Unsafe.Add(ref Unsafe.AsRef(in split.Left), Unsafe.As<bool, byte>(ref right));
                }
            for (var r = 0; r < at.Length; r++) sums[r] += _leafValues[at[r]];
        }
    }
}
