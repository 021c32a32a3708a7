namespace Campaigns.Analytics.Customers;

/// <summary>
/// Orders grouped by customer and sorted by day, in flat arrays (customer c's orders are [Start[c], Start[c+1])), so
/// features for a million customers are one pass without per-order objects. Categories are numbered in order of first
/// appearance; <see cref="NoCategory"/> marks an order without one, NaN a discount that is unknown. Products are numbered
/// the same way (<see cref="NoProduct"/> for an order without one).
/// </summary>
public sealed class OrderHistory
{
    public const int NoCategory = -1, NoProduct = -1;

    private OrderHistory(string[] customers, int[] start, int[] day, double[] amount, int[] category, double[] discount, string[] categories,
        int[] product, string[] products)
        => (CustomerIds, Start, Day, Amount, Category, Discount, Categories, Product, Products) =
            (customers, start, day, amount, category, discount, categories, product, products);

    public IReadOnlyList<string> CustomerIds { get; }
    public int[] Start { get; }
    /// <summary><see cref="DateOnly.DayNumber"/> of each order.</summary>
    public int[] Day { get; }
    public double[] Amount { get; }
    public int[] Category { get; }
    public double[] Discount { get; }
    public IReadOnlyList<string> Categories { get; }
    public int[] Product { get; }
    /// <summary>The products' keys, by number.</summary>
    public IReadOnlyList<string> Products { get; }
    public bool HasDiscounts { get; private init; }
    public int Customers => CustomerIds.Count;
    public int Orders => Day.Length;

    public static OrderHistory From(IEnumerable<Order> orders)
    {
        var builder = new Builder();
        foreach (var o in orders) builder.Add(o.CustomerId, o.Date, o.Amount, o.Category, o.Discount, o.Product);
        return builder.Build();
    }

    /// <summary>Collects orders one at a time (e.g. while streaming a CSV), then sorts them once.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _customers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _products = new(StringComparer.Ordinal);
        private readonly List<int> _customer = [], _day = [], _category = [], _product = [];
        private readonly List<double> _amount = [], _discount = [];
        private bool _hasDiscounts;

        public int Count => _day.Count;

        public void Add(string customerId, DateOnly date, double amount, string? category = null, double? discount = null, string? product = null)
        {
            if (!_customers.TryGetValue(customerId, out var c)) _customers.Add(customerId, c = _customers.Count);
            var k = NoCategory;
            if (!string.IsNullOrEmpty(category) && !_categories.TryGetValue(category, out k)) _categories.Add(category, k = _categories.Count);
            var p = NoProduct;
            if (!string.IsNullOrEmpty(product) && !_products.TryGetValue(product, out p)) _products.Add(product, p = _products.Count);
            _product.Add(p);
            _customer.Add(c);
            _day.Add(date.DayNumber);
            _amount.Add(amount);
            _category.Add(k);
            _discount.Add(discount ?? double.NaN);
            _hasDiscounts |= discount is not null;
        }

        public OrderHistory Build()
        {
            var n = _day.Count;
            var customers = _customers.Count;
            var start = new int[customers + 1];
            for (var i = 0; i < n; i++) start[_customer[i] + 1]++;
            for (var c = 0; c < customers; c++) start[c + 1] += start[c];
            var next = (int[])start.Clone();
            var order = new int[n];
            for (var i = 0; i < n; i++) order[next[_customer[i]]++] = i;
            var (day, amount, category, discount, product) = (new int[n], new double[n], new int[n], new double[n], new int[n]);
            for (var c = 0; c < customers; c++)
            {
                var span = order.AsSpan(start[c], start[c + 1] - start[c]);
                var days = new int[span.Length];
                for (var j = 0; j < span.Length; j++) days[j] = _day[span[j]];
                days.AsSpan().Sort(span); // stable enough: equal days keep no meaning
                for (var j = 0; j < span.Length; j++)
                {
                    var (at, i) = (start[c] + j, span[j]);
                    (day[at], amount[at], category[at], discount[at], product[at]) = (_day[i], _amount[i], _category[i], _discount[i], _product[i]);
                }
            }
            var ids = new string[customers];
            foreach (var (id, c) in _customers) ids[c] = id;
            var names = new string[_categories.Count];
            foreach (var (name, k) in _categories) names[k] = name;
            var products = new string[_products.Count];
            foreach (var (key, p) in _products) products[p] = key;
            return new OrderHistory(ids, start, day, amount, category, discount, names, product, products) { HasDiscounts = _hasDiscounts };
        }
    }
}
