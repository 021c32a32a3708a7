using Campaigns.Analytics.Customers;
using static TorchSharp.torch;

namespace Campaigns.Ml.Customers.Affinity;

/// <summary>
/// What each customer is most likely to buy next: a factored item-to-item model (<see cref="AffinityModule"/>) learned on a
/// time split inside the history before the cut-off (what customers bought before cut-off − horizon predicts what they
/// bought in the horizon after), or the popularity of the last horizon when the factorization does not beat it on held-out
/// customers of that split. A category's affinity is the probability that the next product is one of its products.
/// Products are the orders' main products (<see cref="OrderHistory.Product"/>), at most
/// <see cref="CustomerModelOptions.MaxProducts"/> of the most bought; a product's category is the one its orders carry.
/// </summary>
public sealed class AffinityModel
{
    /// <summary>Products listed per customer (precision@10 and recall@10 are judged on them).</summary>
    public const int ProductsPerCustomer = 10;
    /// <summary>Categories listed per customer: there are few, so three already narrow them.</summary>
    public const int CategoriesPerCustomer = 3;

    private const int TrainingBatch = 512, ScoringBatch = 8192, MinimumTrainingCustomers = 100;
    private const double LearningRate = 0.02, WeightDecay = 1e-5;

    private AffinityModel(string[] products, string[] categories, int[] productCategory, float[] popularity, AffinityWeights? weights, AffinityChoice choice)
        => (Products, _categories, ProductCategory, Popularity, Weights, Choice) = (products, categories, productCategory, popularity, weights, choice);

    private readonly string[] _categories;

    /// <summary>The products' keys (the history's product keys).</summary>
    public IReadOnlyList<string> Products { get; }
    /// <summary>The categories' names, by name.</summary>
    public IReadOnlyList<string> Categories => _categories;
    /// <summary>Each product's index in <see cref="Categories"/>; −1 for a product whose orders carry no category.</summary>
    public IReadOnlyList<int> ProductCategory { get; }
    /// <summary>Each product's purchases in the horizon before the cut-off: the baseline, and the ranking served when it wins.</summary>
    public IReadOnlyList<float> Popularity { get; }
    public AffinityChoice Choice { get; }
    internal AffinityWeights? Weights { get; }

    /// <summary>Learns from the orders before <paramref name="cutOff"/> only; null when no such order names a product.</summary>
    public static AffinityModel? Train(OrderHistory history, DateOnly cutOff, CustomerModelOptions options)
    {
        var cut = cutOff.DayNumber;
        var (products, slot) = Vocabulary(history, cut, options.MaxProducts);
        if (products.Length == 0) return null;
        var (categories, productCategory) = CategoriesOf(history, cut, slot, products.Length);
        var start = cut - options.AffinityDays;
        var popularity = PopularityBetween(history, slot, products.Length, cut - options.AffinityDays, cut);

        var rows = TrainingCustomers(history, slot, start, cut);
        if (rows.Length < MinimumTrainingCustomers)
            return new AffinityModel(products, categories, productCategory, popularity, null,
                new AffinityChoice(false, null, null, 0, $"too few customers ({rows.Length}) bought in the {options.AffinityDays} days before the cut-off after buying before them"));
        rows = Sample(rows, options.MaxTrainingRows);
        var (train, held) = (rows.Where((_, k) => k % 4 != 0).ToArray(), rows.Where((_, k) => k % 4 == 0).ToArray());

        var candidate = new AffinityModel(products, categories, productCategory, PopularityBetween(history, slot, products.Length, start - options.AffinityDays, start),
            Fit(history, slot, products.Length, train, start, cut, options), new AffinityChoice(true, null, null, 0, ""));
        var heldOut = DateOnly.FromDayNumber(start);
        var factorization = candidate.Evaluate(history, heldOut, options.AffinityDays, held);
        var byPopularity = candidate.Evaluate(history, heldOut, options.AffinityDays, held, popularityOnly: true);
        if (factorization.Products.Precision <= byPopularity.Products.Precision)
            return new AffinityModel(products, categories, productCategory, popularity, null,
                new AffinityChoice(false, factorization, byPopularity, held.Length, "the factorization did not beat popularity on precision@10"));
        return new AffinityModel(products, categories, productCategory, popularity, Fit(history, slot, products.Length, rows, start, cut, options),
            new AffinityChoice(true, factorization, byPopularity, held.Length, "the factorization beat popularity on precision@10"));
    }

    /// <summary>
    /// The top products and categories of history customers <paramref name="customers"/>, from their orders before
    /// <paramref name="asOf"/> (a customer with none gets the popular ones).
    /// </summary>
    public AffinityPredictions Predict(OrderHistory history, DateOnly asOf, IReadOnlyList<int> customers) => Predict(history, asOf, customers, Weights is null);

    /// <summary>
    /// This model's lists and popularity's for <paramref name="customers"/> as of <paramref name="asOf"/>, judged on the
    /// products and categories each bought in the <paramref name="days"/> after it (a product or category the model does not
    /// know still counts as bought).
    /// </summary>
    public AffinityQuality Evaluate(OrderHistory history, DateOnly asOf, int days, IReadOnlyList<int> customers, bool popularityOnly = false)
    {
        var predictions = Predict(history, asOf, customers, popularityOnly || Weights is null);
        var index = Products.Select((key, p) => (key, p)).ToDictionary(x => x.key, x => x.p, StringComparer.Ordinal);
        var productOf = history.Products.Select(key => index.TryGetValue(key, out var p) ? p : -1).ToArray();
        var categoryOf = history.Categories.Select(name => Array.IndexOf(_categories, name)).ToArray();
        var (boughtProducts, boughtCategories) = (new IReadOnlySet<int>[customers.Count], new IReadOnlySet<int>[customers.Count]);
        var (from, to) = (asOf.DayNumber, asOf.DayNumber + days);
        for (var i = 0; i < customers.Count; i++)
        {
            var (productSet, categorySet) = (new HashSet<int>(), new HashSet<int>());
            var c = customers[i];
            for (var o = history.Start[c]; o < history.Start[c + 1]; o++)
            {
                if (history.Day[o] < from || history.Day[o] >= to || history.Product[o] < 0) continue;
                var p = history.Product[o];
                // Unknown items keep distinct ids past the model's: bought, never recommended.
                productSet.Add(productOf[p] >= 0 ? productOf[p] : Products.Count + p);
                if (history.Category[o] is var k and >= 0) categorySet.Add(categoryOf[k] >= 0 ? categoryOf[k] : Categories.Count + k);
            }
            (boughtProducts[i], boughtCategories[i]) = (productSet, categorySet);
        }
        return new AffinityQuality(RecommendationQuality.Evaluate(predictions.TopProducts, predictions.ProductsPerCustomer, boughtProducts),
            RecommendationQuality.Evaluate(predictions.TopCategories, predictions.CategoriesPerCustomer, boughtCategories));
    }

    private AffinityPredictions Predict(OrderHistory history, DateOnly asOf, IReadOnlyList<int> customers, bool popularityOnly)
    {
        var n = customers.Count;
        var (topProducts, topCategories) = (new int[n * ProductsPerCustomer], new int[n * CategoriesPerCustomer]);
        Array.Fill(topProducts, -1);
        Array.Fill(topCategories, -1);
        if (popularityOnly || Weights is null)
        {
            var products = Top(Popularity.ToArray(), ProductsPerCustomer);
            var categories = Top(CategoryShares(Popularity.ToArray()), CategoriesPerCustomer);
            for (var i = 0; i < n; i++)
            {
                products.CopyTo(topProducts, i * ProductsPerCustomer);
                categories.CopyTo(topCategories, i * CategoriesPerCustomer);
            }
            return new AffinityPredictions(ProductsPerCustomer, topProducts, CategoriesPerCustomer, topCategories);
        }

        TorchRuntime.EnsureLoaded();
        var slot = Slots(history);
        var count = Products.Count;
        var (k, kc) = (Math.Min(ProductsPerCustomer, count), Math.Min(CategoriesPerCustomer, Categories.Count));
        using var module = Weights.Module();
        using var noGrad = no_grad();
        using var membership = tensor(Membership(), [count, Categories.Count]);
        var shares = new float[Math.Min(ScoringBatch, Math.Max(1, n)) * count];
        for (var first = 0; first < n; first += ScoringBatch)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(ScoringBatch, n - first);
            Shares(history, slot, customers, first, size, asOf.DayNumber, count, shares);
            var logits = module.forward(Aligned(shares, size, count));
            var products = logits.topk(k, 1).indexes.to_type(ScalarType.Int32).data<int>().ToArray();
            for (var i = 0; i < size; i++) Array.Copy(products, i * k, topProducts, (first + i) * ProductsPerCustomer, k);
            if (kc == 0) continue;
            var categories = logits.softmax(1).matmul(membership).topk(kc, 1).indexes.to_type(ScalarType.Int32).data<int>().ToArray();
            for (var i = 0; i < size; i++) Array.Copy(categories, i * kc, topCategories, (first + i) * CategoriesPerCustomer, kc);
        }
        return new AffinityPredictions(ProductsPerCustomer, topProducts, CategoriesPerCustomer, topCategories);
    }

    /// <summary>Restores a model from its saved parts; throws ArgumentException when they do not fit together.</summary>
    internal static AffinityModel Restore(string[] products, string[] categories, int[] productCategory, float[] popularity, AffinityWeights? weights, AffinityChoice choice)
    {
        if (productCategory.Length != products.Length || popularity.Length != products.Length)
            throw new ArgumentException("the product categories and popularity do not have one entry per product");
        if (productCategory.Any(k => k < -1 || k >= categories.Length)) throw new ArgumentException("a product's category is not one of the categories");
        if (weights is not null && weights.Products != products.Length) throw new ArgumentException($"the weights are for {weights.Products} products, not {products.Length}");
        if (choice.Factorization != weights is not null) throw new ArgumentException("the choice and the presence of weights disagree");
        return new AffinityModel(products, categories, productCategory, popularity, weights, choice);
    }

    private static AffinityWeights Fit(OrderHistory history, int[] slot, int count, int[] customers, int start, int cut, CustomerModelOptions options)
    {
        TorchRuntime.EnsureLoaded();
        // One example per purchase in the horizon; the input is what the customer bought before it. Examples are put in
        // (customer, product) order: a day's orders have no order of their own, and the shuffle must not depend on one.
        var examples = new List<long>();
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            for (var o = history.Start[c]; o < history.Start[c + 1]; o++)
                if (history.Day[o] >= start && history.Day[o] < cut && history.Product[o] >= 0 && slot[history.Product[o]] >= 0)
                    examples.Add((long)i * count + slot[history.Product[o]]);
        }
        examples.Sort();
        var (row, target) = (examples.Select(e => (int)(e / count)).ToArray(), examples.Select(e => e % count).ToArray());
        manual_seed(options.Seed);
        var module = new AffinityModule(count, options.AffinityDimensions);
        try
        {
            using var optimizer = new AdamOptimizer(module.parameters(), LearningRate, WeightDecay);
            var order = Enumerable.Range(0, row.Length).ToArray();
            var shuffle = new Random(options.Seed);
            var batch = new float[TrainingBatch * count];
            var batchCustomers = new int[TrainingBatch];
            var targets = new long[TrainingBatch];
            module.train();
            for (var epoch = 0; epoch < options.AffinityEpochs; epoch++)
            {
                shuffle.Shuffle(order);
                for (var first = 0; first < order.Length; first += TrainingBatch)
                {
                    using var scope = NewDisposeScope();
                    var size = Math.Min(TrainingBatch, order.Length - first);
                    for (var j = 0; j < size; j++) (batchCustomers[j], targets[j]) = (customers[row[order[first + j]]], target[order[first + j]]);
                    Shares(history, slot, batchCustomers, 0, size, start, count, batch);
                    optimizer.ZeroGrad();
                    var loss = nn.functional.cross_entropy(module.forward(Aligned(batch, size, count)),
                        tensor(targets.AsSpan(0, size).ToArray()));
                    loss.backward();
                    optimizer.Step();
                }
            }
            var (input, output, bias, repeat) = module.Weights();
            return new AffinityWeights(count, options.AffinityDimensions, input, output, bias, repeat);
        }
        finally
        {
            module.Dispose();
        }
    }

    /// <summary>
    /// The first rows of a buffer as a tensor in LibTorch's own (aligned) memory: a tensor over a managed array starts
    /// wherever the array lies, and the matrix kernels' sums then differ in the last bits from one run to the next.
    /// </summary>
    private static Tensor Aligned(float[] buffer, int rows, int columns) => tensor(buffer.AsSpan(0, rows * columns).ToArray(), [rows, columns]).clone();

    /// <summary>Writes rows [first, first + size) of <paramref name="customers"/>' purchase shares before day <paramref name="before"/> into <paramref name="destination"/>.</summary>
    private static void Shares(OrderHistory history, int[] slot, IReadOnlyList<int> customers, int first, int size, int before, int count, float[] destination)
    {
        Array.Clear(destination, 0, size * count);
        for (var i = 0; i < size; i++)
        {
            var c = customers[first + i];
            var row = destination.AsSpan(i * count, count);
            var total = 0;
            for (var o = history.Start[c]; o < history.Start[c + 1] && history.Day[o] < before; o++)
                if (history.Product[o] >= 0 && slot[history.Product[o]] is var p and >= 0) { row[p]++; total++; }
            if (total > 0)
                for (var p = 0; p < count; p++) row[p] /= total;
        }
    }

    /// <summary>The most bought products before the cut-off (ties by key), and each history product's index among them (−1 when not kept).</summary>
    private static (string[] Products, int[] Slot) Vocabulary(OrderHistory history, int cut, int max)
    {
        var counts = new long[history.Products.Count];
        for (var o = 0; o < history.Orders; o++)
            if (history.Day[o] < cut && history.Product[o] >= 0) counts[history.Product[o]]++;
        var kept = Enumerable.Range(0, counts.Length).Where(p => counts[p] > 0).OrderByDescending(p => counts[p])
            .ThenBy(p => history.Products[p], StringComparer.Ordinal).Take(max).ToArray();
        var slot = new int[counts.Length];
        Array.Fill(slot, -1);
        for (var k = 0; k < kept.Length; k++) slot[kept[k]] = k;
        return (kept.Select(p => history.Products[p]).ToArray(), slot);
    }

    private static (string[] Categories, int[] ProductCategory) CategoriesOf(OrderHistory history, int cut, int[] slot, int count)
    {
        var category = new int[count];
        Array.Fill(category, OrderHistory.NoCategory);
        for (var o = 0; o < history.Orders; o++)
            if (history.Day[o] < cut && history.Product[o] >= 0 && slot[history.Product[o]] is var p and >= 0 && category[p] < 0)
                category[p] = history.Category[o];
        var names = category.Where(k => k >= 0).Distinct().Select(k => history.Categories[k]).Order(StringComparer.Ordinal).ToArray();
        return (names, category.Select(k => k < 0 ? -1 : Array.IndexOf(names, history.Categories[k])).ToArray());
    }

    private static float[] PopularityBetween(OrderHistory history, int[] slot, int count, int from, int to)
    {
        var counts = new float[count];
        for (var o = 0; o < history.Orders; o++)
            if (history.Day[o] >= from && history.Day[o] < to && history.Product[o] >= 0 && slot[history.Product[o]] is var p and >= 0) counts[p]++;
        return counts;
    }

    /// <summary>Customers who bought a known product before day <paramref name="start"/> and one in [start, cut).</summary>
    private static int[] TrainingCustomers(OrderHistory history, int[] slot, int start, int cut)
    {
        var rows = new List<int>();
        for (var c = 0; c < history.Customers; c++)
        {
            var (before, during) = (false, false);
            for (var o = history.Start[c]; o < history.Start[c + 1] && history.Day[o] < cut; o++)
            {
                if (history.Product[o] < 0 || slot[history.Product[o]] < 0) continue;
                if (history.Day[o] < start) before = true;
                else during = true;
            }
            if (before && during) rows.Add(c);
        }
        return rows.ToArray();
    }

    private static int[] Sample(int[] rows, int max)
    {
        var stride = Math.Max(1, (rows.Length + max - 1) / max);
        return stride == 1 ? rows : rows.Where((_, k) => k % stride == 0).ToArray();
    }

    /// <summary>Each history product's index in this model (−1 when unknown).</summary>
    private int[] Slots(OrderHistory history)
    {
        var index = Products.Select((key, p) => (key, p)).ToDictionary(x => x.key, x => x.p, StringComparer.Ordinal);
        return history.Products.Select(key => index.TryGetValue(key, out var p) ? p : -1).ToArray();
    }

    /// <summary>Row-major products × categories, 1 where the product is in the category.</summary>
    private float[] Membership()
    {
        var m = new float[Products.Count * Categories.Count];
        for (var p = 0; p < Products.Count; p++)
            if (ProductCategory[p] >= 0) m[p * Categories.Count + ProductCategory[p]] = 1;
        return m;
    }

    private float[] CategoryShares(float[] productScores)
    {
        var shares = new float[Categories.Count];
        for (var p = 0; p < productScores.Length; p++)
            if (ProductCategory[p] >= 0) shares[ProductCategory[p]] += productScores[p];
        return shares;
    }

    /// <summary>The indices of the <paramref name="k"/> highest scores, highest first (ties by index).</summary>
    private static int[] Top(float[] scores, int k) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
}
