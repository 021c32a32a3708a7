namespace Campaigns.Analytics.Customers;

/// <summary>
/// Personas: k-means (k-means++, fixed seed) on standardized recency, log orders, log average order value, discount share
/// and category shares. Each cluster is named from its centre's standardized values and its members' order counts
/// ("lapsed deal seekers", "loyal big spenders", "one-time big spenders", "new customers"; see <see cref="Name"/>). A
/// retrain given the previous model matches its clusters to the previous centres (Hungarian method on the distance in the
/// new standardization) and keeps their ids and names, so a persona is not renumbered.
/// </summary>
public sealed class PersonaModel
{
    private PersonaModel(IReadOnlyList<string> features, double[] mean, double[] scale, IReadOnlyList<Persona> personas)
        => (Features, _mean, _scale, Personas) = (features, mean, scale, personas);

    private readonly double[] _mean;
    private readonly double[] _scale;

    /// <summary>A model as <see cref="Train"/> made it, from its stored parts (checked: one mean, scale and centre coordinate per feature).</summary>
    public static PersonaModel Restore(IReadOnlyList<string> features, double[] mean, double[] scale, IReadOnlyList<Persona> personas)
    {
        var d = features.Count;
        if (mean.Length != d || scale.Length != d || scale.Any(v => !(v > 0)) || personas.Count == 0 || personas.Any(p => p.Centre.Count != d))
            throw new ArgumentException($"A persona model needs one mean, one positive scale and one centre coordinate for each of its {d} features, and at least one persona.");
        return new PersonaModel(features, mean, scale, personas);
    }

    /// <summary>The standardization: a coordinate's mean and scale over the customers it was trained on.</summary>
    public IReadOnlyList<double> Mean => _mean;
    public IReadOnlyList<double> Scale => _scale;

    /// <summary>Names of the centre's coordinates.</summary>
    public IReadOnlyList<string> Features { get; }
    public IReadOnlyList<Persona> Personas { get; }

    /// <summary>Customer i's persona-space point (unstandardized).</summary>
    public static void Point(CustomerFeatures f, int i, Span<double> destination)
    {
        destination[0] = f.Recency[i];
        destination[1] = Math.Log(1 + f.Orders[i]);
        destination[2] = Math.Log(1 + Math.Max(0, f.AverageAmount[i]));
        destination[3] = f.DiscountShare[i];
        var k = f.CategoryNames.Count;
        for (var j = 0; j < k; j++) destination[4 + j] = f.CategoryShares[i * k + j];
    }

    private static string[] FeatureNames(CustomerFeatures f) => ["recency_days", "log_orders", "log_average_amount", "discount_share", .. f.CategoryNames.Select(c => "share_" + c)];

    /// <summary>Fits k personas on the customers of <paramref name="features"/>; with <paramref name="previous"/>, keeps its ids and names for the matched clusters.</summary>
    public static PersonaModel Train(CustomerFeatures features, int k = 6, int seed = 42, PersonaModel? previous = null)
    {
        var names = FeatureNames(features);
        var d = names.Length;
        var n = features.Count;
        if (n == 0) throw new ArgumentException("Personas need at least one customer.");
        var x = new double[n * d];
        for (var i = 0; i < n; i++) Point(features, i, x.AsSpan(i * d, d));
        var (mean, scale) = (new double[d], new double[d]);
        for (var i = 0; i < n; i++) for (var j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
        for (var i = 0; i < n; i++) for (var j = 0; j < d; j++) scale[j] += (x[i * d + j] - mean[j]) * (x[i * d + j] - mean[j]) / n;
        for (var j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 ? Math.Sqrt(scale[j]) : 1;
        for (var i = 0; i < n; i++) for (var j = 0; j < d; j++) x[i * d + j] = (x[i * d + j] - mean[j]) / scale[j];

        var centres = KMeans.Fit(x, d, k, seed);
        var found = centres.Length / d;
        var sizes = new int[found];
        // Orders per member (capped), for names that hold for most of a cluster's members, not only for its centre.
        var orders = new int[found + 1, MaxCountedOrders + 1];
        for (var i = 0; i < n; i++)
        {
            var c = KMeans.Nearest(x.AsSpan(i * d, d), centres, d);
            sizes[c]++;
            var count = (int)Math.Min(MaxCountedOrders, Math.Max(0, features.Orders[i]));
            orders[c, count]++;
            orders[found, count]++;
        }
        var loyalOrders = Math.Max(MinLoyalOrders, Quantile(orders, found, n, 0.75));

        var ids = new int[found];
        var labels = new string?[found];
        var nextId = 1;
        if (previous is not null && previous.Features.SequenceEqual(names))
        {
            var cost = new double[Math.Max(found, previous.Personas.Count), Math.Max(found, previous.Personas.Count)];
            for (var c = 0; c < found; c++)
                for (var p = 0; p < previous.Personas.Count; p++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < d; j++)
                    {
                        var old = (previous.Personas[p].Centre[j] - mean[j]) / scale[j];
                        sum += (centres[c * d + j] - old) * (centres[c * d + j] - old);
                    }
                    cost[c, p] = sum;
                }
            var match = Hungarian.Assign(cost);
            for (var c = 0; c < found; c++)
                if (match[c] < previous.Personas.Count) (ids[c], labels[c]) = (previous.Personas[match[c]].Id, previous.Personas[match[c]].Name);
            nextId = previous.Personas.Max(p => p.Id) + 1;
        }
        var taken = new HashSet<string>(labels.OfType<string>());
        for (var c = 0; c < found; c++)
        {
            if (labels[c] is not null) continue;
            ids[c] = nextId++;
            var name = Name(centres.AsSpan(c * d, d), Quantile(orders, c, sizes[c], 0.5), loyalOrders, features.CategoryNames);
            var unique = name;
            for (var suffix = 2; !taken.Add(unique); suffix++) unique = $"{name} {suffix}";
            labels[c] = unique;
        }
        var personas = new Persona[found];
        for (var c = 0; c < found; c++)
        {
            var centre = new double[d];
            for (var j = 0; j < d; j++) centre[j] = centres[c * d + j] * scale[j] + mean[j];
            personas[c] = new Persona(ids[c], labels[c]!, sizes[c], centre);
        }
        return new PersonaModel(names, mean, scale, personas);
    }

    /// <summary>The persona (index into <see cref="Personas"/>) of customer i of <paramref name="features"/>.</summary>
    public int Assign(CustomerFeatures features, int i, Span<double> buffer)
    {
        var d = Features.Count;
        Point(features, i, buffer);
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < Personas.Count; c++)
        {
            var sum = 0.0;
            var centre = Personas[c].Centre;
            for (var j = 0; j < d; j++)
            {
                var delta = (buffer[j] - centre[j]) / _scale[j];
                sum += delta * delta;
            }
            if (sum < bestDistance) (best, bestDistance) = (c, sum);
        }
        return best;
    }

    /// <summary>Loyalty takes at least this many orders from most of a cluster's members, however the store's customers buy.</summary>
    private const int MinLoyalOrders = 3;

    private const int MaxCountedOrders = 100;

    /// <summary>The order count at quantile <paramref name="q"/> of row <paramref name="row"/> of a histogram of <paramref name="total"/> customers.</summary>
    private static int Quantile(int[,] histogram, int row, int total, double q)
    {
        var seen = 0;
        for (var count = 0; count <= MaxCountedOrders; count++)
            if ((seen += histogram[row, count]) > q * total) return count;
        return MaxCountedOrders;
    }

    /// <summary>
    /// Words for a standardized centre: when they last bought, how often, and what drives them. "Loyal" needs a frequent
    /// centre and most members (the median) at <paramref name="loyalOrders"/> orders or more (the store's upper quartile,
    /// at least <see cref="MinLoyalOrders"/>); a cluster most of whose members ordered once is "new" when recent, else
    /// "one-time", never loyal.
    /// </summary>
    internal static string Name(ReadOnlySpan<double> z, int medianOrders, int loyalOrders, IReadOnlyList<string> categories)
    {
        var (recency, frequency, value, discount) = (z[0], z[1], z[2], z[3]);
        var timing = recency > 0.75 ? "lapsed"
            : frequency > 0.75 && medianOrders >= loyalOrders ? "loyal"
            : medianOrders <= 1 ? recency < -0.3 ? "new" : "one-time"
            : "occasional";
        var favourite = -1;
        for (var j = 0; j < categories.Count; j++)
            if (z[4 + j] > 1 && (favourite < 0 || z[4 + j] > z[4 + favourite])) favourite = j;
        var kind = discount > 0.75 ? "deal seekers" : value > 0.75 ? "big spenders" : timing == "new" ? "customers"
            : favourite >= 0 ? $"{categories[favourite]} fans" : "shoppers";
        return $"{timing} {kind}";
    }
}
