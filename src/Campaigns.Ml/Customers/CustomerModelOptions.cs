namespace Campaigns.Ml.Customers;

/// <summary>Horizons and sizes of the customer models: churn over <see cref="ChurnDays"/>, propensity over <see cref="PurchaseDays"/>, value over <see cref="ValueDays"/>.</summary>
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
}
