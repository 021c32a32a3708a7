namespace Campaigns.Analytics.Customers;

/// <summary>
/// Behaviour features of every customer with at least one order strictly before the cut-off, read from those orders only
/// (an order on or after the cut-off never reaches a feature). Row i describes history customer <see cref="Customer"/>[i].
/// Days are whole days; <c>RepeatDays</c>, <c>FirstToLast</c> and <c>Age</c> are BG/NBD's x, t_x and T (distinct order days − 1,
/// days from the first to the last order day, days from the first order to the cut-off). The trend columns
/// (<see cref="TrendColumnNames"/>) count the last 90 and 365 days, where a customer who is lapsing or growing shows it first.
/// </summary>
public sealed class CustomerFeatures
{
    /// <summary>Category shares are kept for the most frequent categories before the cut-off, at most this many.</summary>
    public const int MaxCategories = 5;

    private CustomerFeatures(int count, int categories)
    {
        Count = count;
        Customer = new int[count];
        Recency = new double[count];
        Orders = new double[count];
        RepeatDays = new double[count];
        FirstToLast = new double[count];
        Age = new double[count];
        AverageAmount = new double[count];
        TotalAmount = new double[count];
        MeanGap = new double[count];
        LastGap = new double[count];
        DiscountShare = new double[count];
        RecentOrders = new double[count];
        YearOrders = new double[count];
        YearAmount = new double[count];
        CategoryShares = new double[count * categories];
    }

    public DateOnly CutOff { get; private init; }
    public int Count { get; }
    public int[] Customer { get; }
    public double[] Recency { get; }
    public double[] Orders { get; }
    public double[] RepeatDays { get; }
    public double[] FirstToLast { get; }
    public double[] Age { get; }
    public double[] AverageAmount { get; }
    public double[] TotalAmount { get; }
    /// <summary>Mean days between consecutive order days (the age when there is only one).</summary>
    public double[] MeanGap { get; }
    /// <summary>Days between the last two order days (the age when there is only one).</summary>
    public double[] LastGap { get; }
    /// <summary>Discount given over gross amount; 0 when the history has no discounts.</summary>
    public double[] DiscountShare { get; }
    /// <summary>Orders in the <see cref="RecentDays"/> days before the cut-off.</summary>
    public double[] RecentOrders { get; }
    /// <summary>Orders in the <see cref="YearDays"/> days before the cut-off.</summary>
    public double[] YearOrders { get; }
    /// <summary>Amount ordered in the <see cref="YearDays"/> days before the cut-off.</summary>
    public double[] YearAmount { get; }
    /// <summary>Row-major: customer i's share of orders in category <see cref="CategoryNames"/>[k] at [i·K + k].</summary>
    public double[] CategoryShares { get; private init; }
    public IReadOnlyList<string> CategoryNames { get; private init; } = [];

    /// <summary>The columns of <see cref="Row"/> before the category shares.</summary>
    public const int BaseColumns = 10;

    /// <summary>Names of the columns of <see cref="Row"/>.</summary>
    public IReadOnlyList<string> ColumnNames =>
        ["recency_days", "orders", "repeat_days", "first_to_last_days", "age_days", "average_amount", "total_amount", "mean_gap_days",
            "last_gap_days", "discount_share", .. CategoryNames.Select(c => "share_" + c)];

    public const int RecentDays = 90, YearDays = 365;

    /// <summary>Names of the columns of <see cref="Trend"/>.</summary>
    public static IReadOnlyList<string> TrendColumnNames { get; } = ["orders_last_90_days", "orders_last_365_days", "amount_last_365_days"];

    /// <summary>Writes row i's trend features in <see cref="TrendColumnNames"/> order.</summary>
    public void Trend(int i, Span<float> destination)
    {
        destination[0] = (float)RecentOrders[i];
        destination[1] = (float)YearOrders[i];
        destination[2] = (float)YearAmount[i];
    }

    /// <summary>Writes row i's features in <see cref="ColumnNames"/> order.</summary>
    public void Row(int i, Span<float> destination)
    {
        destination[0] = (float)Recency[i];
        destination[1] = (float)Orders[i];
        destination[2] = (float)RepeatDays[i];
        destination[3] = (float)FirstToLast[i];
        destination[4] = (float)Age[i];
        destination[5] = (float)AverageAmount[i];
        destination[6] = (float)TotalAmount[i];
        destination[7] = (float)MeanGap[i];
        destination[8] = (float)LastGap[i];
        destination[9] = (float)DiscountShare[i];
        var k = CategoryNames.Count;
        for (var j = 0; j < k; j++) destination[10 + j] = (float)CategoryShares[i * k + j];
    }

    /// <summary>Features as of <paramref name="cutOff"/>: only orders dated strictly before it are read.</summary>
    /// <param name="categories">
    /// The category share columns: a model's own, so features as of another date have the columns it learned (a category
    /// the history lacks stays 0); null: the most frequent categories before the cut-off.
    /// </param>
    public static CustomerFeatures AsOf(OrderHistory history, DateOnly cutOff, IReadOnlyList<string>? categories = null)
    {
        var cut = cutOff.DayNumber;
        var count = 0;
        for (var c = 0; c < history.Customers; c++)
            if (history.Start[c] < history.Start[c + 1] && history.Day[history.Start[c]] < cut) count++;

        var names = categories?.ToArray() ?? TopCategories(history, cut).Select(t => history.Categories[t]).ToArray();
        var k = names.Length;
        var slot = new int[history.Categories.Count];
        for (var c = 0; c < slot.Length; c++) slot[c] = Array.IndexOf(names, history.Categories[c]);
        var f = new CustomerFeatures(count, k) { CutOff = cutOff, CategoryNames = names };
        var i = 0;
        for (var c = 0; c < history.Customers; c++)
        {
            var (from, to) = (history.Start[c], history.Start[c + 1]);
            if (from == to || history.Day[from] >= cut) continue;
            int orders = 0, distinctDays = 0, lastDay = 0, previousDay = 0;
            double total = 0, discount = 0;
            for (var o = from; o < to && history.Day[o] < cut; o++)
            {
                var day = history.Day[o];
                if (distinctDays == 0 || day != lastDay) { previousDay = lastDay; lastDay = day; distinctDays++; }
                orders++;
                total += history.Amount[o];
                if (day >= cut - YearDays)
                {
                    f.YearOrders[i]++;
                    f.YearAmount[i] += history.Amount[o];
                    if (day >= cut - RecentDays) f.RecentOrders[i]++;
                }
                if (!double.IsNaN(history.Discount[o])) discount += history.Discount[o];
                if (history.Category[o] is var category and >= 0 && slot[category] >= 0) f.CategoryShares[i * k + slot[category]]++;
            }
            var first = history.Day[from];
            f.Customer[i] = c;
            f.Recency[i] = cut - lastDay;
            f.Orders[i] = orders;
            f.RepeatDays[i] = distinctDays - 1;
            f.FirstToLast[i] = lastDay - first;
            f.Age[i] = cut - first;
            f.AverageAmount[i] = total / orders;
            f.TotalAmount[i] = total;
            f.MeanGap[i] = distinctDays > 1 ? (double)(lastDay - first) / (distinctDays - 1) : cut - first;
            f.LastGap[i] = distinctDays > 1 ? lastDay - previousDay : cut - first;
            f.DiscountShare[i] = total + discount > 0 ? discount / (total + discount) : 0;
            for (var j = 0; j < k; j++) f.CategoryShares[i * k + j] /= orders;
            i++;
        }
        return f;
    }

    // Ties are broken by name, not by first appearance, which orders after the cut-off could change.
    private static int[] TopCategories(OrderHistory history, int cut)
    {
        var counts = new long[history.Categories.Count];
        for (var o = 0; o < history.Orders; o++)
            if (history.Day[o] < cut && history.Category[o] >= 0) counts[history.Category[o]]++;
        return Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0).OrderByDescending(c => counts[c])
            .ThenBy(c => history.Categories[c], StringComparer.Ordinal).Take(MaxCategories).ToArray();
    }
}
