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
        var name = metric.Name;
        if (!passes) return (PromotionDecision.Keep, $"Kept as a candidate: its {name} ({candidate:0.000}) does not meet the bar for this kind of model.");
        if (current is not { } reference) return (PromotionDecision.Promote, $"Promoted: the first working model, {name} {candidate:0.000}.");
        var gain = metric.Gain(candidate, reference);
        if (autoPromoteMinGain is not { } margin)
            return (PromotionDecision.WaitForAdmin, $"Waiting for an Admin: {name} {candidate:0.000} against the current {reference:0.000} (no automatic promotion rule).");
        // Metrics are doubles: 0.12 − 0.10 is 0.0199999…, which must still count as "better by at least 0.02".
        return gain >= margin - Tolerance
            ? (PromotionDecision.Promote, $"Promoted by the schedule's rule: {name} {candidate:0.000} beats the current {reference:0.000} by {gain:0.000} (at least {margin:0.000} required).")
            : (PromotionDecision.WaitForAdmin, $"Waiting for an Admin: {name} {candidate:0.000} against the current {reference:0.000}, a gain of {gain:0.000}, below the rule's {margin:0.000}.");
    }
}
