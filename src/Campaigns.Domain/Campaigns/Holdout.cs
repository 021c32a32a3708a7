namespace Campaigns.Domain.Campaigns;

/// <summary>The share of a launched campaign's customers held out without the offer: without one its effect cannot be measured.</summary>
public static class Holdout
{
    public const double MinShare = 0.01, MaxShare = 0.5;

    /// <exception cref="DomainException">The share is outside <see cref="MinShare"/> to <see cref="MaxShare"/>.</exception>
    public static void Require(double share)
    {
        if (share is < MinShare or > MaxShare)
            throw new DomainException($"Keep a holdout of {MinShare * 100:0}% to {MaxShare * 100:0}%: without one the campaign's effect cannot be measured.");
    }
}
