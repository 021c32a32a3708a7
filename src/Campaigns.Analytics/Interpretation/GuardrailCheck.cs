namespace Campaigns.Analytics;

// What a promotion costs beside its lift, per treated arm: the discount per order, the change in margin per exposed
// customer, and the share of its buyers the holdout says would have bought anyway.
public static class GuardrailCheck
{
    public static IReadOnlyList<Guardrails> For(IReadOnlyList<ArmFigures> arms, ExperimentReport report, bool hasMargins)
    {
        var control = arms.FirstOrDefault(a => a.IsControl);
        if (control is null) return [];
        var list = new List<Guardrails>();
        foreach (var arm in arms.Where(a => !a.IsControl))
        {
            double? discountPerOrder = hasMargins && arm.Orders > 0 ? arm.Discount / arm.Orders : null;
            var conversion = report.Find(ExperimentMetrics.Conversion, arm.Arm);
            var margin = report.Find(ExperimentMetrics.MarginPerCustomer, arm.Arm);
            // The holdout's rate is what the treated would have done anyway: that share of their conversions was not caused.
            double? anyway = arm.ConversionRate > 0 ? Math.Min(1, control.ConversionRate / arm.ConversionRate) : null;
            var winsLoses = conversion?.Outcome == Outcome.Improvement && margin is { Lift.Absolute: < 0 };
            list.Add(new Guardrails(arm.Arm, discountPerOrder, margin?.Lift?.Absolute, anyway, winsLoses));
        }
        return list;
    }
}
