using Campaigns.Analytics.Offers;

namespace Campaigns.Application.Offers;

/// <summary>
/// One cell of a launched offer policy test: its customers (exposed), their conversion rate, their realized profit per
/// customer (margin of their purchases less what their offer gave away) and that profit over the holdout's, with 95% intervals.
/// </summary>
public sealed record PolicyCell(string Name, int Customers, double ConversionRate, ValueEstimate? ProfitPerCustomer, ValueEstimate? OverHoldout);
