namespace Campaigns.Analytics.Programme;

/// <summary>The programme's effect on one metric against the global holdout.</summary>
/// <param name="ProgrammeMean">CUPED-adjusted mean per customer in the programme.</param>
/// <param name="HoldoutMean">CUPED-adjusted mean per customer in the holdout.</param>
/// <param name="PerCustomer">Programme minus holdout per customer, with its interval.</param>
/// <param name="Incremental">The per-customer effect times the programme's customers: what the programme added in all.</param>
/// <param name="Relative">The relative lift ProgrammeMean / HoldoutMean − 1; null when the holdout's mean is 0 or data are too few.</param>
/// <param name="Theta">CUPED's θ (0 without pre-period variance).</param>
/// <param name="VarianceReductionPercent">How much CUPED narrowed the per-customer interval's variance.</param>
public sealed record EffectEstimate(long ProgrammeCustomers, long HoldoutCustomers, double ProgrammeMean, double HoldoutMean, Interval PerCustomer,
    Interval Incremental, Interval? Relative, double Theta, double VarianceReductionPercent)
{
    /// <summary>Whether both groups had at least two customers, so the interval means something.</summary>
    public bool HasData => ProgrammeCustomers >= 2 && HoldoutCustomers >= 2;

    /// <summary>
    /// Whether no customer in either group has any of the metric yet (say, no orders since a holdout that started today):
    /// the interval then has no width because there is nothing to vary, not because the effect is known to be zero.
    /// </summary>
    public bool NoOutcomes => HasData && ProgrammeMean == 0 && HoldoutMean == 0 && PerCustomer.Low == PerCustomer.High;

    /// <summary>The answer when a group has fewer than two customers: zero effect, zero-width interval, no relative lift.</summary>
    public static EffectEstimate NotEnoughData(long programme, long holdout) =>
        new(programme, holdout, 0, 0, new Interval(0, 0, 0), new Interval(0, 0, 0), null, 0, 0);
}
