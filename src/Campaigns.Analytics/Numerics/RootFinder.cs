namespace Campaigns.Analytics;

// Illinois variant of regula falsi (Dowell & Jarratt 1971): bracketed, superlinear, never leaves the bracket.
internal static class RootFinder
{
    /// <summary>Root of an increasing or decreasing f on [lo, hi] whose ends have opposite signs; null if they do not.</summary>
    public static double? Solve(Func<double, double> f, double lo, double hi, double tolerance = 1e-12)
    {
        double flo = f(lo), fhi = f(hi);
        if (flo == 0) return lo;
        if (fhi == 0) return hi;
        if (Math.Sign(flo) == Math.Sign(fhi)) return null;
        var side = 0;
        for (var i = 0; i < 200; i++)
        {
            var x = (lo * fhi - hi * flo) / (fhi - flo);
            if (!(x > lo && x < hi)) x = (lo + hi) / 2;
            var fx = f(x);
            if (fx == 0) return x;
            if (Math.Sign(fx) == Math.Sign(flo)) { lo = x; flo = fx; if (side == -1) fhi /= 2; side = -1; }
            else { hi = x; fhi = fx; if (side == 1) flo /= 2; side = 1; }
            if (hi - lo <= tolerance * Math.Max(1, Math.Abs(x))) return (lo + hi) / 2;
        }
        return (lo + hi) / 2;
    }
}
