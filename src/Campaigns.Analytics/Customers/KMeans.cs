namespace Campaigns.Analytics.Customers;

// Lloyd's k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) from a fixed seed, so a retrain on the same data
// gives the same clusters.
public static class KMeans
{
    /// <summary>Centres (row-major k × d) of the n × d row-major points; fewer than k when there are fewer distinct points.</summary>
    public static double[] Fit(ReadOnlySpan<double> points, int d, int k, int seed, int iterations = 50)
    {
        var n = points.Length / d;
        if (n == 0) throw new ArgumentException("k-means needs at least one point.");
        var random = new Random(seed);
        var centres = new List<double[]> { points.Slice(random.Next(n) * d, d).ToArray() };
        var nearest = new double[n];
        for (var i = 0; i < n; i++) nearest[i] = Distance(points.Slice(i * d, d), centres[0]);
        while (centres.Count < k)
        {
            var total = nearest.Sum();
            if (total <= 0) break;
            var target = random.NextDouble() * total;
            var chosen = n - 1;
            for (var i = 0; i < n; i++) { target -= nearest[i]; if (target <= 0) { chosen = i; break; } }
            var centre = points.Slice(chosen * d, d).ToArray();
            centres.Add(centre);
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], Distance(points.Slice(i * d, d), centre));
        }
        k = centres.Count;
        var flat = centres.SelectMany(c => c).ToArray();
        var assignment = new int[n];
        var sums = new double[k * d];
        var counts = new int[k];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var changed = false;
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var row = points.Slice(i * d, d);
                var best = Nearest(row, flat, d);
                changed |= best != assignment[i] || iteration == 0;
                assignment[i] = best;
                counts[best]++;
                for (var j = 0; j < d; j++) sums[best * d + j] += row[j];
            }
            for (var c = 0; c < k; c++)
                if (counts[c] > 0) for (var j = 0; j < d; j++) flat[c * d + j] = sums[c * d + j] / counts[c];
            if (!changed) break;
        }
        return flat;
    }

    /// <summary>Index of the centre nearest to the point (squared Euclidean distance).</summary>
    public static int Nearest(ReadOnlySpan<double> point, ReadOnlySpan<double> centres, int d)
    {
        var (best, bestDistance) = (0, double.MaxValue);
        for (var c = 0; c < centres.Length / d; c++)
        {
            var distance = Distance(point, centres.Slice(c * d, d));
            if (distance < bestDistance) (best, bestDistance) = (c, distance);
        }
        return best;
    }

    internal static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++) sum += (a[j] - b[j]) * (a[j] - b[j]);
        return sum;
    }
}
