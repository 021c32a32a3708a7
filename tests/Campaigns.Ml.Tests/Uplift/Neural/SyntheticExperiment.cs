namespace Campaigns.Ml.Tests.Uplift.Neural;

/// <summary>A randomized experiment whose true effect is known per row: it grows with x0 and is negative where x0 &lt; 0.</summary>
internal sealed record SyntheticExperiment(float[] X, int Inputs, int[] Arm, float[] Y, double[] TrueEffect)
{
    public int Count => Arm.Length;

    public static SyntheticExperiment Binary(int rows, int inputs, int seed)
    {
        var random = new Random(seed);
        var x = Normals(random, rows * inputs);
        var arm = new int[rows];
        var y = new float[rows];
        var effect = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = x.AsSpan(i * inputs, inputs);
            var control = 1 / (1 + Math.Exp(0.5 - 0.6 * row[1] + 0.4 * row[2]));
            var treated = Math.Clamp(control + 0.25 * Math.Tanh(1.5 * row[0]), 0.01, 0.99);
            effect[i] = treated - control;
            arm[i] = random.Next(2);
            y[i] = random.NextDouble() < (arm[i] == 1 ? treated : control) ? 1 : 0;
        }
        return new SyntheticExperiment(x, inputs, arm, y, effect);
    }

    /// <summary>Order amounts around 80 with a treatment effect of 10 * x0 and noise of sd 5.</summary>
    public static SyntheticExperiment Amounts(int rows, int inputs, int seed)
    {
        var random = new Random(seed);
        var x = Normals(random, rows * inputs);
        var noise = Normals(random, rows);
        var arm = new int[rows];
        var y = new float[rows];
        var effect = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = x.AsSpan(i * inputs, inputs);
            effect[i] = 10 * row[0];
            arm[i] = random.Next(2);
            y[i] = (float)(80 + 15 * row[1] + arm[i] * effect[i] + 5 * noise[i]);
        }
        return new SyntheticExperiment(x, inputs, arm, y, effect);
    }

    /// <summary>Predicted effect of arm 1 vs arm 0 per row from row-major n x 2 predictions.</summary>
    public static double[] PredictedEffect(float[] predictions, int rows) =>
        Enumerable.Range(0, rows).Select(i => (double)predictions[2 * i + 1] - predictions[2 * i]).ToArray();

    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double meanA = a.Average(), meanB = b.Average(), ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return ab / Math.Sqrt(aa * bb);
    }

    private static float[] Normals(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return values;
    }
}
