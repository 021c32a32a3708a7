namespace Campaigns.Domain.Models;

/// <summary>
/// What happens to a freshly trained version: the first one that works is promoted; later ones are promoted by
/// themselves only when the schedule's rule allows and they beat the current one by at least its margin.
/// </summary>
public static class PromotionRule
{
    /// <summary>Rounding slack when comparing a gain with the margin (far below any metric's precision).</summary>
    private const double Tolerance = 1e-9;

    /// <param name="passes">The candidate meets the kind's floor (an uplift model must beat a random ranking).</param>
    /// <param name="autoPromoteMinGain">The schedule's margin; null means an Admin decides.</param>
    public static (PromotionDecision Decision, string Reason) Decide(MainMetric metric, bool passes, double candidate, double? current, double? autoPromoteMinGain)
    {
        var name = metric.InSentence;
        if (!passes) return (PromotionDecision.Keep, $"Kept as a candidate: its {name} ({MainMetric.Format(candidate)}) does not meet the bar for this kind of model.");
        if (current is not { } reference) return (PromotionDecision.Promote, $"Promoted: the first working model, {name} {MainMetric.Format(candidate)}.");
        var gain = metric.Gain(candidate, reference);
        if (autoPromoteMinGain is not { } margin)
            return (PromotionDecision.WaitForAdmin, $"Waiting for an Admin: {name} {MainMetric.Format(candidate)} against the current {MainMetric.Format(reference)} (no automatic promotion rule).");
        // Metrics are doubles: 0.12 − 0.10 is 0.0199999…, which must still count as "better by at least 0.02".
        return gain >= margin - Tolerance
            ? (PromotionDecision.Promote, $"Promoted by the schedule's rule: {name} {MainMetric.Format(candidate)} beats the current {MainMetric.Format(reference)} by {MainMetric.Format(gain)} (at least {MainMetric.Format(margin)} required).")
            : (PromotionDecision.WaitForAdmin, $"Waiting for an Admin: {name} {MainMetric.Format(candidate)} against the current {MainMetric.Format(reference)}, a gain of {MainMetric.Format(gain)}, below the rule's {MainMetric.Format(margin)}.");
    }
}
