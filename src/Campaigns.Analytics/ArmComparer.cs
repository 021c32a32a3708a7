namespace Campaigns.Analytics;

// One arm against control on one metric, for the chosen engine.
internal static class ArmComparer
{
    public static MetricComparison Compare(MetricDefinition metric, ArmInput control, ArmInput arm, AnalysisOptions o)
    {
        var result = new MetricComparison
        {
            Metric = metric.Name, Kind = metric.Kind, Unit = metric.Unit, HigherIsBetter = metric.HigherIsBetter, Arm = arm.Name, Control = control.Name,
            Engine = o.Engine, ConfidenceLevel = o.ConfidenceLevel, Status = ComparisonStatus.Ok,
        };
        var noTest = o.Engine == AnalysisEngine.Bayesian ? (double?)null : 1;
        if (!control.Metrics.TryGetValue(metric.Name, out var cs) || !arm.Metrics.TryGetValue(metric.Name, out var ts))
            return result with { Status = ComparisonStatus.NotEnoughData, PValue = noTest, AdjustedPValue = noTest, Note = "no data for this metric" };
        if ((Problem(metric.Kind, cs) ?? Problem(metric.Kind, ts)) is { } problem)
            return result with { Status = ComparisonStatus.InvalidInput, PValue = noTest, AdjustedPValue = noTest, Note = problem };

        var c = Estimate(metric.Kind, cs);
        var t = Estimate(metric.Kind, ts);
        result = result with { ControlEstimate = c, TreatmentEstimate = t };
        if (c is null || t is null)
            return result with { Status = ComparisonStatus.NotEnoughData, PValue = noTest, AdjustedPValue = noTest, Note = "the ratio's denominator is zero in an arm" };
        if (c.N < 2 || t.N < 2)
            return result with { Status = ComparisonStatus.NotEnoughData, PValue = noTest, AdjustedPValue = noTest, Note = "each arm needs at least two units" };

        CupedResult? cuped = null;
        if (o.UseCuped && metric.Kind != MetricKind.Ratio && cs.Covariate is not null && ts.Covariate is not null)
        {
            var theta = Cuped.Theta(cs, ts);
            var mu = Cuped.PooledCovariateMean(cs, ts);
            var ac = Cuped.Adjust(cs, theta, mu);
            var at = Cuped.Adjust(ts, theta, mu);
            cuped = new CupedResult(theta, Cuped.VarianceReductionPercent(SampleMoments.Mean(cs.N, cs.Sum, cs.SumSquares), SampleMoments.Mean(ts.N, ts.Sum, ts.SumSquares), ac, at), ac, at);
        }
        var (ec, et) = cuped is null ? (c, t) : (cuped.AdjustedControl, cuped.AdjustedTreatment);
        var note = o.UseCuped && cuped is null ? "CUPED not applied (ratio metric or no covariate sums)" : null;
        result = result with { Cuped = cuped, Note = note };

        var alpha = 1 - o.ConfidenceLevel;
        switch (o.Engine)
        {
            case AnalysisEngine.Frequentist when metric.Kind == MetricKind.Mean:
            {
                var (lift, p, df) = WelchTTest.Compare(ec, et, o.ConfidenceLevel);
                return result with { Lift = lift, PValue = p, AdjustedPValue = p, DegreesOfFreedom = df };
            }
            case AnalysisEngine.Frequentist when metric.Kind == MetricKind.Proportion && cuped is null:
            {
                var (lift, p) = TwoProportionTest.Test(ec, et, o.ConfidenceLevel);
                return result with { Lift = lift, PValue = p, AdjustedPValue = p };
            }
            case AnalysisEngine.Frequentist:
            {
                // Ratio metrics and CUPED-adjusted rates: z-test on the delta-method / adjusted standard error.
                var lift = FixedHorizon.Lift(ec, et, Normal.Quantile(1 - alpha / 2));
                var p = FixedHorizon.NormalPValue(lift.Absolute, StandardError(ec, et));
                return result with { Lift = lift, PValue = p, AdjustedPValue = p };
            }
            case AnalysisEngine.Sequential:
            {
                var n = ec.N + et.N;
                var rho = MixtureSprt.Rho(alpha, o.SequentialExpectedSampleSize);
                var diff = et.Mean - ec.Mean;
                var se = StandardError(ec, et);
                var half = MixtureSprt.HalfWidth(se, n, rho, alpha);
                var relative = DeltaMethod.RelativeLift(ec, et);
                var relHalf = relative is { } r ? MixtureSprt.HalfWidth(r.StandardError, n, rho, alpha) : 0;
                var lift = new LiftEstimate(diff, new Interval(diff - half, diff + half), relative?.Lift,
                    relative is { } rr ? new Interval(rr.Lift - relHalf, rr.Lift + relHalf) : null);
                var p = MixtureSprt.AlwaysValidPValue(diff, se, n, rho);
                return result with { Lift = lift, PValue = p, AdjustedPValue = p };
            }
            default:
                return metric.Kind == MetricKind.Proportion && cuped is null ? BetaBinomial(result, cs, ts, o) : Gaussian(result, ec, et, o);
        }
    }

    private static double StandardError(ArmEstimate c, ArmEstimate t) => Math.Sqrt(c.Variance / c.N + t.Variance / t.N);

    private static MetricComparison BetaBinomial(MetricComparison result, MetricSummary cs, MetricSummary ts, AnalysisOptions o)
    {
        var pc = BetaPosterior.From(o.Prior, cs.Sum, cs.N);
        var pt = BetaPosterior.From(o.Prior, ts.Sum, ts.N);
        var tail = (1 - o.ConfidenceLevel) / 2;
        var higher = BetaBinomialComparison.ProbabilityTreatmentIsHigher(pc, pt);
        var treatmentShortfall = BetaBinomialComparison.ExpectedExcess(pc, pt); // E[(C − T)+]
        var treatmentExcess = BetaBinomialComparison.ExpectedExcess(pt, pc);    // E[(T − C)+]
        var diff = pt.Mean - pc.Mean;
        var sd = Math.Sqrt(pc.Variance + pt.Variance);
        var z = Normal.Quantile(1 - tail);
        var absolute = new Interval(
            BetaBinomialComparison.LiftQuantile(pc, pt, tail, false) ?? diff - z * sd,
            BetaBinomialComparison.LiftQuantile(pc, pt, 1 - tail, false) ?? diff + z * sd);
        var relLow = BetaBinomialComparison.LiftQuantile(pc, pt, tail, true);
        var relHigh = BetaBinomialComparison.LiftQuantile(pc, pt, 1 - tail, true);
        var lift = new LiftEstimate(diff, absolute, pt.Mean / pc.Mean - 1, relLow is { } lo && relHigh is { } hi ? new Interval(lo, hi) : null);
        var bayes = result.HigherIsBetter
            ? new BayesianResult(higher, treatmentShortfall, treatmentExcess, "beta-binomial")
            : new BayesianResult(1 - higher, treatmentExcess, treatmentShortfall, "beta-binomial");
        return result with { Lift = lift, Bayesian = bayes };
    }

    private static MetricComparison Gaussian(MetricComparison result, ArmEstimate c, ArmEstimate t, AnalysisOptions o)
    {
        var z = Normal.Quantile(1 - (1 - o.ConfidenceLevel) / 2);
        var lift = FixedHorizon.Lift(c, t, z);
        var se = StandardError(c, t);
        var higher = GaussianComparison.ProbabilityPositive(lift.Absolute, se);
        var excess = GaussianComparison.ExpectedPositivePart(lift.Absolute, se);
        var shortfall = GaussianComparison.ExpectedPositivePart(-lift.Absolute, se);
        var bayes = result.HigherIsBetter
            ? new BayesianResult(higher, shortfall, excess, "normal-approximation")
            : new BayesianResult(1 - higher, excess, shortfall, "normal-approximation");
        return result with { Lift = lift, Bayesian = bayes };
    }

    private static ArmEstimate? Estimate(MetricKind kind, MetricSummary s) => kind switch
    {
        MetricKind.Proportion => SampleMoments.Proportion(s.N, s.Sum),
        MetricKind.Mean => SampleMoments.Mean(s.N, s.Sum, s.SumSquares),
        _ => DeltaMethod.Ratio(s.N, s.Sum, s.Denominator!.SumY, s.SumSquares, s.Denominator.SumY2, s.Denominator.SumXY),
    };

    private static string? Problem(MetricKind kind, MetricSummary s)
    {
        if (s.N < 0) return "negative unit count";
        double[] values = [s.Sum, s.SumSquares, s.Denominator?.SumY ?? 0, s.Denominator?.SumY2 ?? 0, s.Denominator?.SumXY ?? 0,
            s.Covariate?.SumPre ?? 0, s.Covariate?.SumPre2 ?? 0, s.Covariate?.SumValuePre ?? 0];
        if (values.Any(v => !double.IsFinite(v))) return "a sum is not a finite number (overflow? consider winsorizing)";
        if (s.SumSquares < 0 || (s.Denominator?.SumY2 ?? 0) < 0) return "negative sum of squares";
        if (kind == MetricKind.Proportion && (s.Sum < 0 || s.Sum > s.N)) return "conversions must be between zero and the units exposed";
        if (kind == MetricKind.Ratio && s.Denominator is null) return "a ratio metric needs denominator sums";
        return null;
    }
}
