namespace Campaigns.Analytics.Customers;

/// <summary>
/// A recommender's top-k lists judged on what each customer then bought: precision@k (the share of the k recommended that
/// were bought), recall@k (the share of what was bought that was recommended) and the hit rate (customers who bought at
/// least one recommended item), averaged over the customers who bought anything; a customer who bought nothing is not
/// counted, since no list could have been right for them (with no such customer every figure is 0).
/// </summary>
public sealed record RecommendationQuality(int Customers, int K, double Precision, double Recall, double HitRate)
{
    /// <param name="recommended">Row-major: customer i's list at [i·k, i·k + k), best first; a negative entry is an empty slot.</param>
    /// <param name="bought">What customer i bought in the horizon (distinct items).</param>
    public static RecommendationQuality Evaluate(ReadOnlySpan<int> recommended, int k, IReadOnlyList<IReadOnlySet<int>> bought)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (recommended.Length != bought.Count * k) throw new ArgumentException($"Expected {bought.Count} lists of {k}, got {recommended.Length} entries.");
        int customers = 0, hits = 0;
        double precision = 0, recall = 0;
        for (var i = 0; i < bought.Count; i++)
        {
            var actual = bought[i];
            if (actual.Count == 0) continue;
            var found = 0;
            foreach (var item in recommended.Slice(i * k, k))
                if (item >= 0 && actual.Contains(item)) found++;
            customers++;
            precision += (double)found / k;
            recall += (double)found / actual.Count;
            if (found > 0) hits++;
        }
        return customers == 0
            ? new RecommendationQuality(0, k, 0, 0, 0)
            : new RecommendationQuality(customers, k, precision / customers, recall / customers, (double)hits / customers);
    }
}
