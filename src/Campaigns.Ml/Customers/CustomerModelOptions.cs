namespace Campaigns.Ml.Customers;

/// <summary>Horizons and sizes of the customer models: churn over <see cref="ChurnDays"/>, propensity over <see cref="PurchaseDays"/>, value over <see cref="ValueDays"/>, product affinity over <see cref="AffinityDays"/>.</summary>
public sealed record CustomerModelOptions
{
    public int ChurnDays { get; init; } = 90;
    public int PurchaseDays { get; init; } = 30;
    public int ValueDays { get; init; } = 365;
    public int Personas { get; init; } = 6;
    public int Seed { get; init; } = 42;
    /// <summary>Training rows per model at most (every k-th customer above it): LightGBM's time grows with rows, the gain flattens.</summary>
    public int MaxTrainingRows { get; init; } = 200_000;
    /// <summary>BG/NBD and Gamma-Gamma are fitted on at most this many customers (every k-th).</summary>
    public int MaxBaselineRows { get; init; } = 100_000;
    /// <summary>Product affinity learns what customers bought in this many days from what they bought before.</summary>
    public int AffinityDays { get; init; } = 90;
    /// <summary>Width of the affinity model's product embeddings.</summary>
    public int AffinityDimensions { get; init; } = 16;
    public int AffinityEpochs { get; init; } = 6;
    /// <summary>The affinity model knows at most this many products, the most bought (a full softmax over them per customer).</summary>
    public int MaxProducts { get; init; } = 2000;
}
