namespace Campaigns.Analytics.Programme;

// The programme's effect against a global holdout: the difference of CUPED-adjusted means per customer (Deng, Xu, Kohavi &
// Walker, WSDM 2013), its normal interval from the two independent groups' variances, scaled to the programme's customers;
// the relative lift of the adjusted means by the delta method (Deng, Knoblich & Lu, KDD 2018).
public static class ProgrammeEffect
{
    /// <summary>
    /// The effect of being in the programme on one per-customer metric. <paramref name="programme"/> and
    /// <paramref name="holdout"/> carry the metric's sums and, for CUPED, the same metric's pre-period sums per customer.
    /// </summary>
    /// <exception cref="ArgumentException">The confidence is not strictly between 0 and 1.</exception>
    public static EffectEstimate Estimate(MetricSummary programme, MetricSummary holdout, double confidence = 0.95)
    {
        if (confidence is <= 0 or >= 1) throw new ArgumentException("The confidence must lie strictly between 0 and 1.", nameof(confidence));
        if (programme.N < 2 || holdout.N < 2) return EffectEstimate.NotEnoughData(programme.N, holdout.N);
        var theta = Cuped.Theta(holdout, programme);
        var pooled = Cuped.PooledCovariateMean(holdout, programme);
        var treated = Cuped.Adjust(programme, theta, pooled);
        var control = Cuped.Adjust(holdout, theta, pooled);
        var z = Normal.Quantile(0.5 + confidence / 2);
        var difference = treated.Mean - control.Mean;
        var se = Math.Sqrt(treated.Variance / treated.N + control.Variance / control.N);
        var relative = DeltaMethod.RelativeLift(control, treated);
        var raw = Cuped.VarianceReductionPercent(SampleMoments.Mean(holdout.N, holdout.Sum, holdout.SumSquares),
            SampleMoments.Mean(programme.N, programme.Sum, programme.SumSquares), control, treated);
        return new EffectEstimate(programme.N, holdout.N, treated.Mean, control.Mean, new Interval(difference, difference - z * se, difference + z * se),
            new Interval(difference * programme.N, (difference - z * se) * programme.N, (difference + z * se) * programme.N),
            relative is { } r ? new Interval(r.Lift, r.Lift - z * r.StandardError, r.Lift + z * r.StandardError) : null, theta, raw);
    }
}
