using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Campaigns.Ml.Copy;

/// <summary>
/// The training loop of the copy language model: teacher forcing with Adam on padded mini-batches, the loss on text
/// tokens and &lt;eos&gt; only (control tokens are given, never predicted), early stopping on validation loss.
/// </summary>
internal static class CopyLmTraining
{
    /// <summary>Trains in place; leaves the module with the weights of the best validation epoch. Returns the epochs run.</summary>
    public static int Train(CopyGruModule module, IReadOnlyList<int[]> training, IReadOnlyList<int[]> validation, int pad, int controlLength,
        CopyGeneratorOptions options, IProgress<CopyTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, training.Count).ToArray();
        using var optimizer = new AdamOptimizer(module.parameters(), options.LearningRate);
        var best = double.PositiveInfinity;
        Dictionary<string, Tensor>? bestWeights = null;
        var stale = 0;
        var epochs = 0;
        try
        {
            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                epochs = epoch;
                module.train();
                random.Shuffle(order);
                var trainLoss = 0.0;
                var trainTokens = 0L;
                for (var start = 0; start < order.Length; start += options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray().Select(i => training[i]).ToList();
                    var (inputs, targets, count) = Batch(batch, pad, controlLength);
                    optimizer.ZeroGrad();
                    var loss = Loss(module, inputs, targets, pad);
                    loss.backward();
                    nn.utils.clip_grad_norm_(module.parameters(), 1.0);
                    optimizer.Step();
                    trainLoss += loss.item<float>() * count;
                    trainTokens += count;
                }
                var validationLoss = validation.Count > 0 ? MeanNll(module, validation, pad, controlLength) : trainLoss / Math.Max(1, trainTokens);
                progress?.Report(new CopyTrainingProgress(epoch, options.Epochs, trainLoss / Math.Max(1, trainTokens), validationLoss));
                if (validationLoss < best - 1e-4)
                {
                    best = validationLoss;
                    stale = 0;
                    DisposeAll(bestWeights);
                    using (no_grad()) bestWeights = module.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
                }
                else if (++stale >= options.Patience)
                {
                    break;
                }
            }
            if (bestWeights is not null) module.load_state_dict(bestWeights);
            return epochs;
        }
        finally
        {
            DisposeAll(bestWeights);
        }
    }

    /// <summary>Mean negative log-likelihood per scored token (natural log); its exponential is the perplexity.</summary>
    public static double MeanNll(CopyGruModule module, IReadOnlyList<int[]> sequences, int pad, int controlLength)
    {
        module.eval();
        using var noGrad = no_grad();
        var sum = 0.0;
        var tokens = 0L;
        for (var start = 0; start < sequences.Count; start += 256)
        {
            using var scope = NewDisposeScope();
            var batch = sequences.Skip(start).Take(256).ToList();
            var (inputs, targets, count) = Batch(batch, pad, controlLength);
            var logits = module.forward(inputs);
            sum += functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), ignore_index: pad, reduction: Reduction.Sum).item<float>();
            tokens += count;
        }
        return tokens == 0 ? double.NaN : sum / tokens;
    }

    /// <summary>
    /// The negative log-likelihood (natural log) of each sequence's scored tokens, summed, and of its least likely token, in one
    /// forward pass per 256 sequences.
    /// </summary>
    public static (double Sum, double Max)[] SequenceNll(CopyGruModule module, IReadOnlyList<int[]> sequences, int pad, int controlLength)
    {
        module.eval();
        using var noGrad = no_grad();
        var result = new (double, double)[sequences.Count];
        for (var start = 0; start < sequences.Count; start += 256)
        {
            using var scope = NewDisposeScope();
            var batch = sequences.Skip(start).Take(256).ToList();
            var (inputs, targets, _) = Batch(batch, pad, controlLength);
            var logits = module.forward(inputs);
            var nll = functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), ignore_index: pad, reduction: Reduction.None)
                .reshape(batch.Count, -1);
            var sums = nll.sum(1).data<float>().ToArray();
            var maxima = nll.amax(1).data<float>().ToArray();
            for (var b = 0; b < batch.Count; b++) result[start + b] = (sums[b], maxima[b]);
        }
        return result;
    }

    private static Tensor Loss(CopyGruModule module, Tensor inputs, Tensor targets, int pad)
    {
        var logits = module.forward(inputs);
        return functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), ignore_index: pad);
    }

    /// <summary>Inputs are each sequence but its last token; targets the next token, padding where a control token is next.</summary>
    private static (Tensor Inputs, Tensor Targets, long Count) Batch(IReadOnlyList<int[]> batch, int pad, int controlLength)
    {
        var width = batch.Max(s => s.Length) - 1;
        var inputs = new long[batch.Count * width];
        var targets = new long[batch.Count * width];
        Array.Fill(inputs, pad);
        Array.Fill(targets, pad);
        long count = 0;
        for (var b = 0; b < batch.Count; b++)
        {
            var s = batch[b];
            for (var t = 0; t + 1 < s.Length; t++)
            {
                inputs[b * width + t] = s[t];
                if (t + 1 >= controlLength)
                {
                    targets[b * width + t] = s[t + 1];
                    count++;
                }
            }
        }
        return (tensor(inputs, [batch.Count, width]), tensor(targets, [batch.Count, width]), count);
    }

    private static void DisposeAll(Dictionary<string, Tensor>? weights)
    {
        foreach (var w in weights?.Values ?? Enumerable.Empty<Tensor>()) w.Dispose();
    }
}
