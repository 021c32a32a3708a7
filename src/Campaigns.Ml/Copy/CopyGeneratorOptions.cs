using System.ComponentModel.DataAnnotations;

namespace Campaigns.Ml.Copy;

/// <summary>How the copy generator is trained. The defaults fit the demo corpus (a few thousand lines) on two CPU cores in minutes.</summary>
public sealed class CopyGeneratorOptions
{
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
