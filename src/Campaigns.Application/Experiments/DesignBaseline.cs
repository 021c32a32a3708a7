namespace Campaigns.Application.Experiments;

/// <summary>What a launch plan needs, from the store's own history: the baseline conversion of past holdouts and daily traffic.</summary>
public sealed record DesignBaseline(double ConversionRate, long ControlCustomers, double CustomersPerDay);
