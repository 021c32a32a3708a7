using Campaigns.Domain.Programme;

namespace Campaigns.Application.Programme;

/// <summary>The global holdout as the Programme page shows it.</summary>
/// <param name="Periods">Every period, latest first.</param>
/// <param name="InForce">The period in force now; null before the first start date.</param>
/// <param name="Customers">Customers stored now.</param>
/// <param name="HeldOut">Of them, held out by the period in force.</param>
public sealed record HoldoutOverview(IReadOnlyList<HoldoutPeriod> Periods, HoldoutPeriod? InForce, int Customers, int HeldOut)
{
    /// <summary>The latest period, which a new setting follows.</summary>
    public HoldoutPeriod? Latest => Periods.Count > 0 ? Periods[0] : null;
}
