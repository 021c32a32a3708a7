namespace Campaigns.Analytics.Offers;

/// <summary>
/// Which offer each customer gets (<see cref="Choice"/>: an offer's index, or <see cref="OfferPlanner.None"/>), what the
/// plan is expected to earn (incremental profit with its 95% interval) and give away, how many get each offer, and the
/// profit-vs-budget curve the plan lies on.
/// </summary>
public sealed record OfferPlan(IReadOnlyList<int> Choice, IReadOnlyList<int> CustomersPerOffer, PlanValue Value, IReadOnlyList<BudgetPoint> Curve, double? Budget);

/// <summary>Expected incremental profit of a set of customer–offer choices, its 95% interval, the expected spend, and how many customers get an offer.</summary>
public readonly record struct PlanValue(double Profit, double Low, double High, double Spend, int Customers);

/// <summary>The most a budget of <see cref="Spend"/> earns: incremental profit with its 95% interval.</summary>
public readonly record struct BudgetPoint(double Spend, double Profit, double Low, double High);
