namespace Campaigns.Analytics.Tests.Customers;

/// <summary>Samplers for simulated customer histories: Gamma by Marsaglia–Tsang (2000), Beta from two Gammas.</summary>
internal static class Simulated
{
    public static double Gamma(Random random, double shape, double rate)
    {
        if (shape < 1) return Gamma(random, shape + 1, rate) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1 / 3.0;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal(random);
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v / rate;
        }
    }

    public static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a, 1);
        return x / (x + Gamma(random, b, 1));
    }

    public static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>BG/NBD customers: (x, tx, T) with T uniform in [minT, maxT] days.</summary>
    public static (double[] X, double[] Tx, double[] T) BgNbd(int customers, double r, double alpha, double a, double b, int seed, double minT = 200, double maxT = 400)
    {
        var random = new Random(seed);
        var (x, tx, t) = (new double[customers], new double[customers], new double[customers]);
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma(random, r, alpha);
            var p = Beta(random, a, b);
            t[i] = minT + random.NextDouble() * (maxT - minT);
            var now = 0.0;
            while (true)
            {
                now += -Math.Log(1 - random.NextDouble()) / lambda;
                if (now > t[i]) break;
                x[i]++;
                tx[i] = now;
                if (random.NextDouble() < p) break;
            }
        }
        return (x, tx, t);
    }
}
