using System.ComponentModel.DataAnnotations;

namespace Campaigns.Ml.Copy;

/// <summary>How the copy generator is trained. The defaults fit the demo corpus (a few thousand lines) on two CPU cores in minutes.</summary>
public sealed class CopyGeneratorOptions
{
    [Range(64, 8192)] public int VocabularySize { get; set; } = 600;
    [Range(8, 1024)] public int EmbeddingSize { get; set; } = 96;
    [Range(8, 2048)] public int Hidden { get; set; } = 256;
    [Range(1, 4)] public int Layers { get; set; } = 1;
    [Range(0, 0.9)] public double Dropout { get; set; } = 0.2;
    [Range(1, 500)] public int Epochs { get; set; } = 20;
    [Range(1, 4096)] public int BatchSize { get; set; } = 64;
    [Range(1e-6, 1)] public double LearningRate { get; set; } = 3e-3;
    /// <summary>Epochs without a better validation loss before training stops.</summary>
    [Range(1, 100)] public int Patience { get; set; } = 3;
    /// <summary>Share of lines held out to report perplexity on (never trained on, never used to stop).</summary>
    [Range(0.0, 0.5)] public double TestShare { get; set; } = 0.1;
    /// <summary>Share of the remaining lines used for early stopping and the bigram baseline's interpolation weight.</summary>
    [Range(0.0, 0.5)] public double ValidationShare { get; set; } = 0.1;
    public int Seed { get; set; } = 42;
    /// <summary>LibTorch threads while training; null keeps the process setting.</summary>
    [Range(1, 64)] public int? Threads { get; set; }
}

/// <summary>
/// How candidates are sampled. The defaults sample well away from the mode: a model of a small, templated corpus puts
/// most of its mass on the training lines, which are dropped as verbatim; fluency is enforced afterwards by
/// <see cref="CopyGenerator.IsFluent"/> instead of by a low temperature.
/// </summary>
/// <param name="Count">Candidates wanted after the guardrails.</param>
/// <param name="Temperature">Divides the logits: below 1 is safer, above 1 more varied.</param>
/// <param name="TopP">Nucleus sampling (Holtzman et al. 2020): sample only from the smallest set of tokens whose probability reaches this.</param>
/// <param name="MaxSamples">Samples drawn at most before giving up on reaching <paramref name="Count"/> × <paramref name="PoolFactor"/>.</param>
/// <param name="BatchSize">Samples drawn together, one forward pass per step for the whole batch.</param>
/// <param name="PoolFactor">Candidates gathered per one returned: the returned ones are the most diverse <paramref name="Count"/> of them.</param>
/// <param name="EnoughDistinct2">Sampling also stops once the most diverse <paramref name="Count"/> gathered reach this distinct-2; null: always gather the whole pool.</param>
/// <param name="TimeBudgetSeconds">Sampling stops when this much time has passed and returns the candidates found by then; null: no limit.</param>
public sealed record GenerationOptions(int Count = 10, double Temperature = 1.6, double TopP = 0.98, int Seed = 0, int MaxTokens = 40,
    int MaxSamples = 2048, int BatchSize = 128, int PoolFactor = 3, double? EnoughDistinct2 = 0.8, double? TimeBudgetSeconds = 1.5);
