namespace Campaigns.Analytics;

// CUPED: Deng, Xu, Kohavi & Walker, "Improving the sensitivity of online controlled experiments by utilizing pre-experiment data", WSDM 2013:
// Y_cv = Y − θ(X − E X), θ = Cov(Y, X)/Var(X), Var(Y_cv) = Var(Y) − 2θ Cov(Y, X) + θ² Var(X).
public static class Cuped
{
    /// <summary>θ from the covariance pooled within arms (so a treatment effect cannot leak into it); 0 when the covariate has no variance.</summary>
    public static double Theta(MetricSummary control, MetricSummary treatment)
    {
        double covariance = 0, variance = 0;
        foreach (var s in new[] { control, treatment })
        {
            if (s.Covariate is not { } c || s.N < 2) continue;
            covariance += c.SumValuePre - s.Sum * c.SumPre / s.N;
            variance += c.SumPre2 - c.SumPre * c.SumPre / s.N;
        }
        var theta = variance > 0 ? covariance / variance : 0;
        return double.IsFinite(theta) ? theta : 0;
    }

    /// <summary>The arm's adjusted mean Ȳ − θ(X̄ − μ_X) and per-unit variance, μ_X being the pooled covariate mean.</summary>
    public static ArmEstimate Adjust(MetricSummary arm, double theta, double pooledCovariateMean)
    {
        var c = arm.Covariate ?? new CovariateSums(0, 0, 0);
        var y = SampleMoments.Mean(arm.N, arm.Sum, arm.SumSquares);
        if (arm.N <= 0) return y;
        var x = SampleMoments.Mean(arm.N, c.SumPre, c.SumPre2);
        var covariance = SampleMoments.Covariance(arm.N, arm.Sum, c.SumPre, c.SumValuePre);
        var variance = y.Variance - 2 * theta * covariance + theta * theta * x.Variance;
        return new ArmEstimate(arm.N, y.Mean - theta * (x.Mean - pooledCovariateMean), Math.Max(0, variance));
    }

    /// <summary>Pooled covariate mean over both arms.</summary>
    public static double PooledCovariateMean(MetricSummary control, MetricSummary treatment)
    {
        var n = control.N + treatment.N;
        return n > 0 ? ((control.Covariate?.SumPre ?? 0) + (treatment.Covariate?.SumPre ?? 0)) / n : 0;
    }

    /// <summary>Variance reduction of the lift estimate in percent: 100 (1 − Var_cuped/Var_raw); 0 when the raw variance is 0.</summary>
    public static double VarianceReductionPercent(ArmEstimate rawControl, ArmEstimate rawTreatment, ArmEstimate adjustedControl, ArmEstimate adjustedTreatment)
    {
        var raw = rawControl.Variance / rawControl.N + rawTreatment.Variance / rawTreatment.N;
        var adjusted = adjustedControl.Variance / adjustedControl.N + adjustedTreatment.Variance / adjustedTreatment.N;
        return raw > 0 ? 100 * (1 - adjusted / raw) : 0;
    }
}

/// <summary>What CUPED did to one comparison.</summary>
public sealed record CupedResult(double Theta, double VarianceReductionPercent, ArmEstimate AdjustedControl, ArmEstimate AdjustedTreatment);
