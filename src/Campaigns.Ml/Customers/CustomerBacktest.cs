using Campaigns.Analytics.Customers;
using Campaigns.Ml.Customers.Affinity;

namespace Campaigns.Ml.Customers;

/// <summary>
/// Customer models trained on the orders before a past cut-off, judged on the orders after it (nothing later reaches a
/// model): churn risk and purchase propensity against recency alone, predicted value against BG/NBD + Gamma-Gamma, and
/// the personas' sizes; product affinity against the popularity of the horizon before the cut-off, on the customers who
/// bought in the affinity horizon after it. When the history after the cut-off is shorter than a horizon, that horizon is judged on what was
/// observed: churn is then overstated, and values are compared pro rata (ranks unchanged, amounts scaled).
/// </summary>
public sealed record CustomerBacktest(DateOnly AsOf, int Customers, int CoveredDays, CustomerModelOptions Options,
    ClassifierQuality Churn, ClassifierQuality ChurnByRecency, ClassifierQuality Purchase, ClassifierQuality PurchaseByRecency,
    ValueQuality Value, ValueQuality ValueBaseline, ValueChoice ValueChoice, IReadOnlyList<Persona> Personas,
    AffinityQuality? Affinity = null, AffinityQuality? AffinityByPopularity = null, AffinityChoice? AffinityChoice = null)
{
    /// <summary>Days of the value horizon the orders after the cut-off cover.</summary>
    public int ValueDaysObserved => Math.Min(CoveredDays, Options.ValueDays);

    /// <param name="models">Trained as of <paramref name="asOf"/> on the same history.</param>
    public static CustomerBacktest Run(OrderHistory history, DateOnly asOf, CustomerModels models)
    {
        var last = history.Orders == 0 ? asOf.AddDays(-1) : DateOnly.FromDayNumber(history.Day.Max());
        if (last < asOf) throw new ArgumentException($"No order is on or after {asOf:yyyy-MM-dd} (the last is {last:yyyy-MM-dd}): a backtest needs the horizon after it.");
        var covered = last.DayNumber - asOf.DayNumber + 1;
        var features = models.FeaturesAsOf(history, asOf);
        var predictions = models.Predict(features);
        var o = models.Options;
        var n = features.Count;
        var negativeRecency = features.Recency.Select(r => -r).ToArray();
        var (churn, churnByRecency) = Classifier(CustomerOutcomes.After(history, asOf, o.ChurnDays), churn: true, predictions.ChurnRisk, features.Recency, features);
        var (purchase, purchaseByRecency) = Classifier(CustomerOutcomes.After(history, asOf, o.PurchaseDays), churn: false, predictions.PurchaseProbability, negativeRecency, features);

        var spend = CustomerOutcomes.After(history, asOf, o.ValueDays);
        var share = Math.Min(1.0, (double)covered / o.ValueDays);
        var (actual, model, baseline) = (new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
            (actual[i], model[i], baseline[i]) = (spend.Spend[features.Customer[i]], predictions.PredictedValue[i] * share, predictions.BaselineValue[i] * share);

        var sizes = new int[models.Personas.Personas.Count];
        foreach (var p in predictions.Persona) sizes[p]++;
        var personas = models.Personas.Personas.Select((p, k) => p with { Size = sizes[k] }).ToList();
        var affinityDays = Math.Min(covered, o.AffinityDays);
        return new CustomerBacktest(asOf, n, covered, o, churn, churnByRecency, purchase, purchaseByRecency,
            ValueQuality.Evaluate(model, actual), ValueQuality.Evaluate(baseline, actual), models.ValueChoice, personas,
            models.Affinity?.Evaluate(history, asOf, affinityDays, features.Customer),
            models.Affinity?.Evaluate(history, asOf, affinityDays, features.Customer, popularityOnly: true), models.Affinity?.Choice);
    }

    private static (ClassifierQuality Model, ClassifierQuality Recency) Classifier(CustomerOutcomes outcomes, bool churn, float[] score,
        double[] recencyScore, CustomerFeatures features)
    {
        var n = features.Count;
        var actual = new bool[n];
        var modelScore = new double[n];
        for (var i = 0; i < n; i++) (actual[i], modelScore[i]) = (outcomes.Ordered(features.Customer[i]) != churn, score[i]);
        return (ClassifierQuality.Evaluate(modelScore, actual), ClassifierQuality.Evaluate(recencyScore, actual));
    }
}
