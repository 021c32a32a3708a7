namespace Campaigns.Analytics;

/// <summary>
/// The metrics every store experiment is read on, typed so code asks for <see cref="Conversion"/> rather than a display
/// string: conversion is the primary metric, and what the store earns per customer is the guardrail.
/// </summary>
public static class ExperimentMetrics
{
    public static readonly MetricDefinition Conversion = new("Conversion rate", MetricKind.Proportion, Unit: MetricUnit.Share);
    public static readonly MetricDefinition RevenuePerCustomer = new("Revenue per exposed customer", MetricKind.Mean, Unit: MetricUnit.Money);
    public static readonly MetricDefinition OrderValue = new("Average order value", MetricKind.Ratio, Unit: MetricUnit.Money);
    public static readonly MetricDefinition MarginPerCustomer = new("Margin per exposed customer", MetricKind.Mean, Unit: MetricUnit.Money);

    /// <summary>The metric the verdict ships or stops on.</summary>
    public static MetricDefinition Primary => Conversion;

    /// <summary>The metrics analysed: margin only when product costs are known.</summary>
    public static IReadOnlyList<MetricDefinition> Analysed(bool hasMargins) =>
        hasMargins ? [Conversion, RevenuePerCustomer, OrderValue, MarginPerCustomer] : [Conversion, RevenuePerCustomer, OrderValue];

    /// <summary>What the store earns per customer must not fall, whatever the offer does to conversion (margin when costs are known).</summary>
    public static IReadOnlyList<MetricDefinition> Guardrails(bool hasMargins) => hasMargins ? [MarginPerCustomer, RevenuePerCustomer] : [RevenuePerCustomer];
}
