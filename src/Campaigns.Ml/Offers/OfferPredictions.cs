namespace Campaigns.Ml.Offers;

/// <summary>Batch predictions: for each row and arm (0 = no offer), P(buy) and the expected gross basket given a purchase.</summary>
public sealed class OfferPredictions
{
    private readonly float[] _probability;
    private readonly float[] _basket;

    internal OfferPredictions(int arms, float[] probability, float[] basket)
    {
        (Arms, _probability, _basket) = (arms, probability, basket);
        Count = probability.Length / arms;
    }

    public int Count { get; }
    public int Arms { get; }

    public float Probability(int row, int arm) => _probability[row * Arms + arm];
    public float Basket(int row, int arm) => _basket[row * Arms + arm];

    /// <summary>P_k·V(row, k, B_k): the expected value to the store of the row's purchases under arm k.</summary>
    public double ExpectedValue(int row, int arm, Func<int, int, double, double> purchaseValue) =>
        Probability(row, arm) * purchaseValue(row, arm, Basket(row, arm));

    /// <summary>P_k·V(row, k, B_k) − P_0·V(row, 0, B_0): what arm k adds over sending nothing.</summary>
    public double IncrementalProfit(int row, int arm, Func<int, int, double, double> purchaseValue) =>
        ExpectedValue(row, arm, purchaseValue) - ExpectedValue(row, 0, purchaseValue);

    /// <summary>P_k·(V(row, 0, B_k) − V(row, k, B_k)): what arm k's offer is expected to give away.</summary>
    public double ExpectedSpend(int row, int arm, Func<int, int, double, double> purchaseValue)
    {
        var basket = Basket(row, arm);
        return Probability(row, arm) * (purchaseValue(row, 0, basket) - purchaseValue(row, arm, basket));
    }

    /// <summary>The arm with the highest expected incremental profit, or 0 when no offer's is positive.</summary>
    public int BestArm(int row, Func<int, int, double, double> purchaseValue)
    {
        var (best, profit) = (0, 0.0);
        for (var k = 1; k < Arms; k++)
            if (IncrementalProfit(row, k, purchaseValue) is var p && p > profit) (best, profit) = (k, p);
        return best;
    }
}
