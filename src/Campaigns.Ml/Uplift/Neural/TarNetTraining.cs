using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Campaigns.Ml.Uplift.Neural;

/// <summary>The training loop of <see cref="TarNet"/>: mini-batch Adam on each row's own arm, early stopping on a held-out split.</summary>
internal static class TarNetTraining
{
    private const double ValidationShare = 0.1;
    private const int EvaluationBatch = 65_536;

    /// <summary>Trains <paramref name="module"/> in place and leaves it holding the weights with the best validation loss.</summary>
    public static void Train(TarNetModule module, float[] x, int d, int[] arm, float[] target, TarNetOptions options,
        IProgress<(int Epoch, double Loss)>? progress, CancellationToken cancellationToken)
    {
        var n = arm.Length;
        var random = new Random(options.Seed);
        var (training, validation) = Split(arm, random);

        using var inputs = tensor(x, [n, d]);
        using var arms = tensor(Array.ConvertAll(arm, a => (long)a));
        using var outcomes = tensor(target);
        using var optimizer = new AdamOptimizer(module.parameters(), options.LearningRate, options.WeightDecay);

        var bestLoss = double.PositiveInfinity;
        Dictionary<string, Tensor>? bestWeights = null;
        var epochsWithoutImprovement = 0;
        try
        {
            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                module.train();
                Shuffle(training, random);
                for (var start = 0; start < training.Length; start += options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = tensor(training.AsSpan(start, Math.Min(options.BatchSize, training.Length - start)).ToArray());
                    optimizer.ZeroGrad();
                    Loss(module, inputs, arms, outcomes, batch, options.BinaryOutcome, Reduction.Mean).backward();
                    optimizer.Step();
                }
                cancellationToken.ThrowIfCancellationRequested();

                var loss = MeanLoss(module, inputs, arms, outcomes, validation, options.BinaryOutcome);
                progress?.Report((epoch, loss));
                if (loss < bestLoss)
                {
                    bestLoss = loss;
                    epochsWithoutImprovement = 0;
                    DisposeAll(bestWeights);
                    bestWeights = Snapshot(module);
                }
                else if (++epochsWithoutImprovement >= options.Patience)
                {
                    break;
                }
            }
            if (bestWeights is not null) module.load_state_dict(bestWeights);
        }
        finally
        {
            DisposeAll(bestWeights);
        }
    }

    /// <summary>Holds out about 10% of each arm's rows; with too few rows to spare, validates on the training rows.</summary>
    private static (long[] Training, long[] Validation) Split(int[] arm, Random random)
    {
        var order = Enumerable.Range(0, arm.Length).Select(i => (long)i).ToArray();
        Shuffle(order, random);
        var perArm = arm.GroupBy(a => a).ToDictionary(g => g.Key, g => (int)(g.Count() * ValidationShare));
        var training = new List<long>(arm.Length);
        var validation = new List<long>(arm.Length / 10 + 1);
        foreach (var row in order)
        {
            if (perArm[arm[row]] > 0)
            {
                perArm[arm[row]]--;
                validation.Add(row);
            }
            else
            {
                training.Add(row);
            }
        }
        return validation.Count == 0 ? (training.ToArray(), training.ToArray()) : (training.ToArray(), validation.ToArray());
    }

    private static void Shuffle(long[] rows, Random random)
    {
        for (var i = rows.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
    }

    /// <summary>The loss of each row's own arm head: the only potential outcome observed for it.</summary>
    private static Tensor Loss(TarNetModule module, Tensor inputs, Tensor arms, Tensor outcomes, Tensor rows, bool binary, Reduction reduction)
    {
        var output = module.forward(inputs.index_select(0, rows))
            .gather(1, arms.index_select(0, rows).unsqueeze(1))
            .squeeze(1);
        var target = outcomes.index_select(0, rows);
        return binary
            ? functional.binary_cross_entropy_with_logits(output, target, reduction: reduction)
            : functional.mse_loss(output, target, reduction);
    }

    private static double MeanLoss(TarNetModule module, Tensor inputs, Tensor arms, Tensor outcomes, long[] rows, bool binary)
    {
        module.eval();
        using var noGrad = no_grad();
        var sum = 0.0;
        for (var start = 0; start < rows.Length; start += EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            var batch = tensor(rows.AsSpan(start, Math.Min(EvaluationBatch, rows.Length - start)).ToArray());
            sum += Loss(module, inputs, arms, outcomes, batch, binary, Reduction.Sum).item<float>();
        }
        return sum / rows.Length;
    }

    private static Dictionary<string, Tensor> Snapshot(TarNetModule module)
    {
        using var noGrad = no_grad();
        return module.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.clone());
    }

    private static void DisposeAll(Dictionary<string, Tensor>? weights)
    {
        foreach (var weight in weights?.Values ?? Enumerable.Empty<Tensor>()) weight.Dispose();
    }
}
