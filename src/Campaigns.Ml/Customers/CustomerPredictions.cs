namespace Campaigns.Ml.Customers;

/// <summary>
/// Every customer's predictions as of a cut-off, row i for features row i: P(no order in the churn horizon), P(an order in the
/// purchase horizon), expected orders and spend over the value horizon (the chosen value model), the BG/NBD + Gamma-Gamma
/// baseline of the same spend, the days to the next expected order (BG/NBD rate; null past a year), and the persona index.
/// </summary>
public sealed record CustomerPredictions(float[] ChurnRisk, float[] PurchaseProbability, float[] ExpectedOrders, float[] PredictedValue,
    float[] BaselineValue, float[] ProbabilityAlive, int[] Persona);
