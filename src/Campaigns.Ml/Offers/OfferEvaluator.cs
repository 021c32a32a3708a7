using Campaigns.Analytics.Offers;

namespace Campaigns.Ml.Offers;

/// <summary>
/// Values the plan (each row gets its arm of highest expected incremental profit, or none) and its alternatives on
/// randomized labelled rows, from predictions made without those rows' outcomes.
/// </summary>
internal static class OfferEvaluator
{
    private const int CostCurvePoints = 20;

    /// <summary>The rows as logged data: reward = the realized purchase's value (0 without one), prediction = P_k·V(B_k).</summary>
    /// <param name="rows">Data row of each prediction.</param>
    public static LoggedOffers Logged(int[] loggedArm, float[] bought, float[] basket, int[] rows, OfferPredictions predictions,
        Func<int, int, double, double> purchaseValue, IReadOnlyList<double> shares)
    {
        var arms = predictions.Arms;
        var (arm, reward, predicted) = (new int[rows.Length], new double[rows.Length], new double[rows.Length * arms]);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            arm[i] = loggedArm[row];
            reward[i] = bought[row] == 1 ? purchaseValue(row, arm[i], basket[row]) : 0;
            for (var k = 0; k < arms; k++) predicted[i * arms + k] = predictions.ExpectedValue(i, k, (_, a, b) => purchaseValue(row, a, b));
        }
        return new LoggedOffers(arm, reward, shares, predicted);
    }

    public static OfferEvaluation Evaluate(int[] loggedArm, float[] bought, float[] basket, int[] rows, OfferPredictions predictions,
        Func<int, int, double, double> purchaseValue, IReadOnlyList<double> shares)
    {
        var logged = Logged(loggedArm, bought, basket, rows, predictions, purchaseValue, shares);
        double Value(int i, int k, double b) => purchaseValue(rows[i], k, b);
        var plan = Enumerable.Range(0, rows.Length).Select(i => predictions.BestArm(i, Value)).ToArray();
        var customers = new int[predictions.Arms];
        foreach (var k in plan) customers[k]++;

        // Cost curve: offered rows ordered by expected profit per unit of expected spend (no spend first), cut at rising thresholds.
        var offered = Enumerable.Range(0, rows.Length).Where(i => plan[i] != 0)
            .Select(i => (Row: i, Spend: predictions.ExpectedSpend(i, plan[i], Value), Profit: predictions.IncrementalProfit(i, plan[i], Value)))
            .Select(o => (o.Row, o.Spend, Ratio: o.Spend > 0 ? o.Profit / o.Spend : double.PositiveInfinity))
            .OrderByDescending(o => o.Ratio).ToArray();
        var curve = new List<OfferCostPoint>();
        var kept = new bool[rows.Length];
        var (spend, taken) = (0.0, 0);
        for (var point = 0; point <= CostCurvePoints && offered.Length > 0; point++)
        {
            var until = (int)((long)offered.Length * point / CostCurvePoints);
            for (; taken < until; taken++)
            {
                kept[offered[taken].Row] = true;
                spend += offered[taken].Spend;
            }
            // No threshold (null) before any offer is kept, or while only offers that cost nothing are: JSON has no infinity.
            double? threshold = taken == 0 || double.IsPositiveInfinity(offered[taken - 1].Ratio) ? null : offered[taken - 1].Ratio;
            var value = PolicyValue.Difference(logged, i => kept[i] ? plan[i] : 0, _ => 0).Dr;
            curve.Add(new OfferCostPoint(threshold, taken, spend / rows.Length, value));
        }
        var projected = Enumerable.Range(0, rows.Length).Sum(i => plan[i] == 0 ? 0 : predictions.IncrementalProfit(i, plan[i], Value)) / Math.Max(1, rows.Length);
        return new OfferEvaluation(rows.Length, PolicyValue.Evaluate(logged, i => plan[i]), PolicyValue.Difference(logged, i => plan[i], _ => 0),
            Enumerable.Range(0, predictions.Arms).Select(k => PolicyValue.FixedArm(logged, k)).ToList(), PolicyValue.RandomTreatment(logged), customers, curve, projected);
    }

}
