namespace Campaigns.Ml.Uplift.Neural;

/// <summary>Hyper-parameters of <see cref="TarNet"/>.</summary>
public sealed record TarNetOptions
{
    /// <summary>Width of the shared representation; each arm's head is half as wide.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Maximum passes over the training rows; early stopping may end sooner.</summary>
    public int Epochs { get; init; } = 20;

    public int BatchSize { get; init; } = 1024;
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>L2 penalty applied by Adam.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    public int Seed { get; init; } = 42;

    /// <summary>True: 0/1 outcomes, logistic loss, predictions are probabilities. False: amounts, squared loss.</summary>
    public bool BinaryOutcome { get; init; } = true;

    /// <summary>LibTorch threads while fitting; null keeps the process setting.</summary>
    public int? Threads { get; init; }

    /// <summary>Dropout after each representation layer.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Epochs without a better validation loss before training stops (the best weights are kept).</summary>
    public int Patience { get; init; } = 3;
}
