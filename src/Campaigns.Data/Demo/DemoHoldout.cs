using Campaigns.Domain.Programme;

namespace Campaigns.Data.Demo;

/// <summary>
/// A global holdout for a generated store: <paramref name="Share"/> of the customers are held out of every campaign that
/// starts on or after <paramref name="DaysAgo"/> days before the end of history (the default start leaves no campaign
/// running across it). Held-out customers drawn into a campaign's sample buy as they would without any offer.
/// </summary>
public sealed record DemoHoldout(double Share = 0.05, int DaysAgo = 125)
{
    internal HoldoutPeriod Period(int seed, DateTime asOf) => new()
    {
        Share = Share,
        Salt = $"demo{seed}-holdout",
        StartsAt = asOf.Date.AddDays(-DaysAgo),
        FreshDraw = true,
        Reason = "The demo store's programme holdout",
        SetBy = "admin@demo.local",
        SetAt = asOf.Date.AddDays(-DaysAgo - 1),
    };
}
