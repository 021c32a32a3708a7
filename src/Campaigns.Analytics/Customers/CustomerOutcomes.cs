namespace Campaigns.Analytics.Customers;

/// <summary>What each history customer did in [cut-off, cut-off + days): orders and spend; the outcomes a model made as of the cut-off is judged by.</summary>
public sealed record CustomerOutcomes(DateOnly From, int Days, int[] Orders, double[] Spend)
{
    public static CustomerOutcomes After(OrderHistory history, DateOnly cutOff, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var (from, to) = (cutOff.DayNumber, cutOff.DayNumber + days);
        var (orders, spend) = (new int[history.Customers], new double[history.Customers]);
        for (var c = 0; c < history.Customers; c++)
            for (var o = history.Start[c]; o < history.Start[c + 1]; o++)
                if (history.Day[o] >= from && history.Day[o] < to) { orders[c]++; spend[c] += history.Amount[o]; }
        return new CustomerOutcomes(cutOff, days, orders, spend);
    }

    /// <summary>1 when history customer c ordered in the window.</summary>
    public bool Ordered(int customer) => Orders[customer] > 0;
}
