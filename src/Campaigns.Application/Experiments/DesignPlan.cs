namespace Campaigns.Application.Experiments;

/// <summary>Customers needed per arm and in all, and the days the store's traffic takes to reach them (null without traffic).</summary>
public sealed record DesignPlan(long PerArm, long Total, double? Days);
