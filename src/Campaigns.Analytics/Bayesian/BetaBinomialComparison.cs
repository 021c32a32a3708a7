namespace Campaigns.Analytics;

// Beta–Binomial A/B comparison by deterministic quadrature of exact integrals, e.g. P(T > C) = ∫ f_C(x) (1 − F_T(x)) dx
// (closed forms for integer parameters: Evan Miller, "Formulas for Bayesian A/B testing", 2015; expected loss: Stucchio, VWO whitepaper, 2015).
public static class BetaBinomialComparison
{
    /// <summary>P(treatment rate &gt; control rate).</summary>
    public static double ProbabilityTreatmentIsHigher(BetaPosterior control, BetaPosterior treatment) =>
        Math.Clamp(1 - ProbabilityTreatmentAtMost(control, treatment, 1, 0), 0, 1);

    /// <summary>E[max(A − B, 0)]: the expected amount by which A exceeds B (the loss of choosing B over A).</summary>
    public static double ExpectedExcess(BetaPosterior a, BetaPosterior b)
    {
        double value;
        if (b.StandardDeviation <= a.StandardDeviation)
        {
            // Over B: E[(A − x)+] = m_A·P(A⁺ > x) − x·P(A > x), A⁺ the size-biased posterior.
            var (lo, hi) = b.Bulk;
            var aPlus = a.SizeBiased;
            value = TanhSinh.Integrate(x => b.Density(x) * (a.Mean * aPlus.Survival(x) - x * a.Survival(x)), lo, hi, 1e-10, 1e-16);
        }
        else
        {
            // Over A: E[(y − B)+] = y·P(B ≤ y) − m_B·P(B⁺ ≤ y).
            var (lo, hi) = a.Bulk;
            var bPlus = b.SizeBiased;
            value = TanhSinh.Integrate(y => a.Density(y) * (y * b.Cdf(y) - b.Mean * bPlus.Cdf(y)), lo, hi, 1e-10, 1e-16);
        }
        return Math.Max(0, value);
    }

    /// <summary>Quantile q of the absolute lift T − C, or of the relative lift T/C − 1 when <paramref name="relative"/>; null if it cannot be bracketed.</summary>
    public static double? LiftQuantile(BetaPosterior control, BetaPosterior treatment, double q, bool relative)
    {
        if (!relative)
        {
            double F(double d) => ProbabilityTreatmentAtMost(control, treatment, 1, d) - q;
            var mean = treatment.Mean - control.Mean;
            var sd = Math.Sqrt(control.Variance + treatment.Variance);
            double lo = Math.Max(-1, mean - 12 * sd), hi = Math.Min(1, mean + 12 * sd);
            if (F(lo) > 0) lo = -1;
            if (F(hi) < 0) hi = 1;
            return RootFinder.Solve(F, lo, hi, 1e-13);
        }
        double G(double r) => ProbabilityTreatmentAtMost(control, treatment, 1 + r, 0) - q;
        double rlo = -1 + 1e-12, rhi = Math.Max(1, 2 * treatment.Mean / control.Mean);
        while (G(rhi) < 0)
        {
            rhi *= 10;
            if (rhi > 1e15) return null;
        }
        return RootFinder.Solve(G, rlo, rhi, 1e-13);
    }

    /// <summary>P(T ≤ s·C + d) for s &gt; 0, integrating over whichever posterior is narrower (relative to the map) so the other factor is smooth on the grid.</summary>
    internal static double ProbabilityTreatmentAtMost(BetaPosterior control, BetaPosterior treatment, double scale, double shift)
    {
        if (control.StandardDeviation * scale <= treatment.StandardDeviation)
        {
            // ∫ f_C(x) F_T(s x + d) dx: F_T is 0 below x = −d/s and 1 above x = (1 − d)/s.
            var (lo, hi) = control.Bulk;
            double xZero = -shift / scale, xOne = (1 - shift) / scale;
            var tail = xOne < 1 ? control.Survival(Math.Max(0, xOne)) : 0;
            double a = Math.Max(lo, xZero), b = Math.Min(hi, xOne);
            return Math.Clamp(tail + TanhSinh.Integrate(x => control.Density(x) * treatment.Cdf(scale * x + shift), a, b, 1e-11, 1e-16), 0, 1);
        }
        else
        {
            // ∫ f_T(y) P(C ≥ (y − d)/s) dy: that factor is 1 below y = d and 0 above y = s + d.
            var (lo, hi) = treatment.Bulk;
            double yZero = shift, yOne = scale + shift;
            var head = yZero > 0 ? treatment.Cdf(Math.Min(1, yZero)) : 0;
            double a = Math.Max(lo, yZero), b = Math.Min(hi, yOne);
            return Math.Clamp(head + TanhSinh.Integrate(y => treatment.Density(y) * control.Survival((y - shift) / scale), a, b, 1e-11, 1e-16), 0, 1);
        }
    }
}
