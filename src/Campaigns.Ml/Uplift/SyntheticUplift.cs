namespace Campaigns.Ml.Uplift;

/// <summary>
/// A randomized experiment whose true effects are known, for tests and benchmarks: 10 numeric features (one with 5%
/// missing values) and 2 categorical ones, a baseline P(buy) around 10%, and per treatment arm a logit shift that
/// depends on the features (mean effect about +1.5 points), so some customers gain from the offer and some are put off.
/// </summary>
public sealed record SyntheticUplift(UpliftDataset Data, float[][] TrueEffects)
{
    private static readonly string[] Regions = ["north", "south", "east", "west", "centre"];
    private static readonly string[] Devices = ["mobile", "desktop", "tablet"];

    /// <summary>True effect of treatment arm k (1..K-1) on P(buy) of each row.</summary>
    public float[] TrueEffect(int treatmentArm) => TrueEffects[treatmentArm - 1];

    /// <param name="strength">Multiplies every effect's logit shift (tests use strong effects to learn from few rows).</param>
    public static SyntheticUplift Generate(int rows, int seed, int treatmentArms = 1, double strength = 1)
    {
        var random = new Random(seed);
        var numeric = Enumerable.Range(0, 10).Select(j => $"x{j}").ToArray();
        var arms = Enumerable.Range(0, treatmentArms + 1).Select(k => k == 0 ? "control" : $"offer{k}").ToArray();
        var data = new UpliftDataset(numeric, ["region", "device"], arms);
        var effects = Enumerable.Range(0, treatmentArms).Select(_ => new float[rows]).ToArray();
        var x = new float[numeric.Length];
        var categorical = new string?[2];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < x.Length; j++) x[j] = (float)(random.NextDouble() * 2 - 1);
            var region = random.Next(Regions.Length);
            var mobile = random.NextDouble() < 0.5;
            categorical[0] = Regions[region];
            categorical[1] = mobile ? Devices[0] : Devices[1 + random.Next(2)];
            var baseline = -2.3 + 0.8 * x[0] - 0.5 * x[1] + 0.4 * x[2] * x[3] + (region == 0 ? 0.3 : 0);
            var arm = random.Next(arms.Length);
            var p = new double[arms.Length];
            p[0] = Sigmoid(baseline);
            for (var k = 1; k < arms.Length; k++)
            {
                // Arm 1 helps with x4 high and on mobile and harms the rest; further arms lean on x5 and the south.
                var shift = k == 1 ? 0.1 + 0.5 * x[4] + (mobile ? 0.25 : -0.1) + 0.2 * x[0]
                    : 0.05 + 0.5 * x[5] + (region == 1 ? 0.3 : -0.05);
                p[k] = Sigmoid(baseline + strength * shift);
                effects[k - 1][i] = (float)(p[k] - p[0]);
            }
            if (random.NextDouble() < 0.05) x[9] = float.NaN;
            data.Add($"c{i}", x, categorical, arm, random.NextDouble() < p[arm] ? 1 : 0);
        }
        return new SyntheticUplift(data, effects);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
