namespace Campaigns.Analytics;

// Nelder–Mead downhill simplex with the standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½),
// as in Numerical Recipes 3rd ed. §10.5 and Lagarias et al. (1998).
public static class NelderMead
{
    /// <summary>Minimizes f from <paramref name="start"/> with an initial simplex of side <paramref name="step"/>; returns the best point.</summary>
    public static double[] Minimize(Func<double[], double> f, double[] start, double step = 0.5, int maxEvaluations = 4000, double tolerance = 1e-10)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            points[i] = (double[])start.Clone();
            if (i > 0) points[i][i - 1] += step;
            values[i] = Safe(f(points[i]));
        }
        var evaluations = n + 1;
        var centroid = new double[n];
        while (evaluations < maxEvaluations)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            points = order.Select(i => points[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            if (Math.Abs(values[n] - values[0]) <= tolerance * (Math.Abs(values[0]) + Math.Abs(values[n]) + 1e-300)) break;
            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++) centroid[j] += points[i][j] / n;
            double[] Toward(double t) => centroid.Select((c, j) => c + t * (points[n][j] - c)).ToArray();
            var reflected = Toward(-1);
            var fr = Safe(f(reflected)); evaluations++;
            if (fr < values[0])
            {
                var expanded = Toward(-2);
                var fe = Safe(f(expanded)); evaluations++;
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1]) (points[n], values[n]) = (reflected, fr);
            else
            {
                var contracted = fr < values[n] ? Toward(-0.5) : Toward(0.5);
                var fc = Safe(f(contracted)); evaluations++;
                if (fc < Math.Min(fr, values[n])) (points[n], values[n]) = (contracted, fc);
                else
                    for (var i = 1; i <= n; i++)
                    {
                        for (var j = 0; j < n; j++) points[i][j] = points[0][j] + 0.5 * (points[i][j] - points[0][j]);
                        values[i] = Safe(f(points[i])); evaluations++;
                    }
            }
        }
        var best = 0;
        for (var i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
        return points[best];
    }

    // A point where the objective is undefined is treated as infinitely bad, so the simplex moves away from it.
    private static double Safe(double value) => double.IsFinite(value) ? value : double.MaxValue;
}
