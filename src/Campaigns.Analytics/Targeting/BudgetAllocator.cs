namespace Campaigns.Analytics.Targeting;

// Greedy targeting on expected incremental profit m·τ − c·p_T: rank, drop the put-off (τ < 0), take a prefix of the ranking
// chosen by the mode; the budget prefix stops before the first prospect that would overspend or adds no profit.
public static class BudgetAllocator
{
    private const int CurvePoints = 100;

    /// <summary>
    /// Ranks by expected incremental profit (ties: higher uplift first, then lower index), drops negative-uplift prospects
    /// (counted in PutOff), and selects by <see cref="AllocationRequest.Mode"/>. Never exceeds the budget.
    /// </summary>
    /// <exception cref="ArgumentException">The mode's parameter is missing or out of range, or a prospect has a non-finite value or a probability outside [0, 1].</exception>
    public static Allocation Allocate(IReadOnlyList<Prospect> prospects, AllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(prospects);
        ArgumentNullException.ThrowIfNull(request);
        var parameter = Parameter(request);
        var eligible = new List<Prospect>(prospects.Count);
        foreach (var p in prospects)
        {
            Validate(p);
            if (p.Uplift >= 0) eligible.Add(p);
        }
        var ranked = eligible.ToArray();
        Array.Sort(ranked, ByProfit);

        // The order in which the mode grows the audience, so the chosen selection is a prefix of it and a point of the curve.
        var growth = ranked;
        if (request.Mode == SelectionMode.UpliftAbove)
        {
            growth = (Prospect[])ranked.Clone();
            Array.Sort(growth, ByUplift);
        }
        var chosen = request.Mode switch
        {
            SelectionMode.TopPercent => Math.Min(ranked.Length, (int)(prospects.Count * (parameter / 100))),
            SelectionMode.UpliftAbove => growth.TakeWhile(p => p.Uplift > parameter).Count(),
            SelectionMode.Budget => BudgetPrefix(ranked, parameter),
            _ => ranked.Length,
        };

        var n = growth.Length;
        var profit = new double[n + 1];
        var variance = new double[n + 1];
        double conversions = 0, conversionVariance = 0, cost = 0;
        for (var i = 0; i < n; i++)
        {
            profit[i + 1] = profit[i] + growth[i].ExpectedIncrementalProfit;
            variance[i + 1] = variance[i] + ProfitVariance.Profit(growth[i]);
            if (i >= chosen) continue;
            conversions += growth[i].Uplift;
            conversionVariance += ProfitVariance.Conversions(growth[i]);
            cost += growth[i].ExpectedCost;
        }

        var z = Normal.Quantile(0.975);
        var curve = Enumerable.Range(0, CurvePoints + 1).Select(j => (int)Math.Round((double)j * n / CurvePoints)).Append(chosen)
            .Distinct().Order()
            .Select(size => Point(size, profit, variance, z)).ToList();
        var selected = growth.Take(chosen).ToArray();
        if (!ReferenceEquals(growth, ranked)) Array.Sort(selected, ByProfit);
        var total = Point(chosen, profit, variance, z);
        var conversionHalf = z * Math.Sqrt(conversionVariance);
        return new Allocation(selected.Select(p => p.Index).ToList(), prospects.Count - eligible.Count, eligible.Count,
            conversions, conversions - conversionHalf, conversions + conversionHalf,
            total.Profit, total.Low, total.High, cost, curve, chosen);
    }

    // Cumulative cost is summed in rank order exactly as Allocate sums ExpectedCost, so the check and the total agree to the bit.
    private static int BudgetPrefix(Prospect[] ranked, double budget)
    {
        var cost = 0.0;
        var count = 0;
        foreach (var p in ranked)
        {
            if (p.ExpectedIncrementalProfit <= 0 || cost + p.ExpectedCost > budget) break;
            cost += p.ExpectedCost;
            count++;
        }
        return count;
    }

    private static ProfitPoint Point(int size, double[] profit, double[] variance, double z)
    {
        var half = z * Math.Sqrt(variance[size]);
        return new ProfitPoint(size, profit[size], profit[size] - half, profit[size] + half);
    }

    private static int ByProfit(Prospect a, Prospect b)
    {
        var c = b.ExpectedIncrementalProfit.CompareTo(a.ExpectedIncrementalProfit);
        if (c == 0) c = b.Uplift.CompareTo(a.Uplift);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }

    private static int ByUplift(Prospect a, Prospect b)
    {
        var c = b.Uplift.CompareTo(a.Uplift);
        return c != 0 ? c : ByProfit(a, b);
    }

    private static double Parameter(AllocationRequest request) => request.Mode switch
    {
        SelectionMode.All => 0,
        SelectionMode.TopPercent => request.TopPercent is { } p && p is >= 0 and <= 100
            ? p : throw new ArgumentException("TopPercent mode needs TopPercent between 0 and 100.", nameof(request)),
        SelectionMode.UpliftAbove => request.UpliftThreshold is { } t && double.IsFinite(t)
            ? t : throw new ArgumentException("UpliftAbove mode needs a finite UpliftThreshold.", nameof(request)),
        SelectionMode.Budget => request.Budget is { } b && b >= 0 && double.IsFinite(b)
            ? b : throw new ArgumentException("Budget mode needs a finite Budget of at least 0.", nameof(request)),
        _ => throw new ArgumentException($"Unknown selection mode {request.Mode}.", nameof(request)),
    };

    private static void Validate(in Prospect p)
    {
        if (!double.IsFinite(p.Uplift) || !double.IsFinite(p.Margin) || !double.IsFinite(p.CostIfBuys))
            throw new ArgumentException($"Prospect {p.Index} has a non-finite uplift, margin or cost.");
        if (p.PTreated is not (>= 0 and <= 1) || p.PControl is not (>= 0 and <= 1))
            throw new ArgumentException($"Prospect {p.Index} has a probability outside [0, 1].");
    }
}
