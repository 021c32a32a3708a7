namespace Campaigns.Data.Demo;

/// <summary>
/// A demo customer's true future as of the end of history, from the rates the generator buys at (no campaign after the
/// end counted): P(no order in <see cref="ChurnDays"/> days), P(an order in <see cref="PurchaseDays"/> days), the expected
/// orders and paid spend in <see cref="ValueDays"/> days, and one realized draw of those orders to check models against.
/// </summary>
public sealed record DemoCustomerTruth(Guid CustomerId, string ExternalId, DemoSegment Segment, DemoTrajectory Trajectory,
    double ChurnProbability, double PurchaseProbability, double ExpectedOrders, double ExpectedSpend, IReadOnlyList<DemoFutureOrder> Orders)
{
    public const int ChurnDays = 90, PurchaseDays = 30, ValueDays = 365;
}
