namespace Campaigns.Analytics;

// Double-exponential (tanh-sinh) quadrature, Takahasi & Mori (1974): exponential convergence for analytic
// integrands, and endpoint singularities such as x^(-1/2) need no special care.
internal static class TanhSinh
{
    public static double Integrate(Func<double, double> f, double a, double b, double relativeTolerance = 1e-11, double absoluteTolerance = 1e-15)
    {
        if (!(b > a)) return 0;
        var half = (b - a) / 2;
        var centre = a + half;
        const double tMax = 4.5;
        double h = 0.5, sum = Math.PI / 2 * f(centre);
        for (var k = 1; k * h <= tMax; k++) sum += Pair(f, k * h, a, b, half);
        var estimate = sum * h * half;
        for (var level = 1; level <= 9; level++)
        {
            h /= 2;
            for (var k = 1; k * h <= tMax; k += 2) sum += Pair(f, k * h, a, b, half);
            var next = sum * h * half;
            var change = Math.Abs(next - estimate);
            estimate = next;
            if (level >= 3 && (change <= relativeTolerance * Math.Abs(next) || change <= absoluteTolerance)) break;
        }
        return estimate;
    }

    // Sum of the two nodes ±t with their weight (before h·half); positions measured from the nearer end avoid cancellation.
    private static double Pair(Func<double, double> f, double t, double a, double b, double half)
    {
        var u = Math.PI / 2 * Math.Sinh(t);
        var fromEnd = 2 / (Math.Exp(2 * u) + 1); // 1 − tanh(u)
        var cosh = Math.Cosh(u);
        var weight = Math.PI / 2 * Math.Cosh(t) / (cosh * cosh);
        if (weight == 0 || double.IsInfinity(cosh)) return 0;
        var left = a + half * fromEnd;
        var right = b - half * fromEnd;
        var s = 0.0;
        if (left > a) s += f(left);
        if (right < b) s += f(right);
        return weight * s;
    }
}
