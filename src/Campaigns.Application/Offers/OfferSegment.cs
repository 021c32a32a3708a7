using Campaigns.Analytics.Offers;
using Campaigns.Application.Targeting;

namespace Campaigns.Application.Offers;

/// <summary>
/// The plan within one group of customers: how many it gives each offer (by position) and none, what they are expected
/// to earn, and, for a marketer who sends one offer to the whole group, the offer that earns most given alone to the
/// group's customers it pays on (<see cref="BestOffer"/>; null when none pays), priced without the budget.
/// </summary>
public sealed record OfferSegment(string Name, int Customers, IReadOnlyList<int> PerOffer, int None, double Profit, int? BestOffer, double BestOfferProfit)
{
    /// <summary>
    /// Groups by discount habit: the share of a customer's past orders placed with a discount is their own record of
    /// responding to discounts (so of how deep an offer must be to move them), and a marketer can target a band with the
    /// audience rules' discount-share bounds.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, double Below)> DiscountHabits =
    [
        ("Never bought with a discount", 1e-9), ("Up to a third of orders discounted", 1 / 3d + 1e-9),
        ("A third to two thirds discounted", 2 / 3d + 1e-9), ("Mostly discounted", double.PositiveInfinity),
    ];

    /// <summary>The band of <see cref="DiscountHabits"/> a customer is in, or its count for customers with no orders yet.</summary>
    public static byte HabitOf(in CustomerSnapshot c)
    {
        if (c.Orders == 0) return (byte)DiscountHabits.Count;
        var share = (double)c.DiscountedOrders / c.Orders;
        return (byte)Enumerable.Range(0, DiscountHabits.Count).First(b => share < DiscountHabits[b].Below);
    }

    /// <summary>The plan by discount-habit band (<paramref name="bands"/> per customer, as <see cref="HabitOf"/>), bands with no customer left out.</summary>
    public static IReadOnlyList<OfferSegment> ByHabit(IReadOnlyList<OfferOption> priced, int offers, OfferPlan plan, IReadOnlyList<byte> bands)
    {
        var names = DiscountHabits.Select(h => h.Name).Append("No orders yet").ToList();
        var segments = new List<OfferSegment>();
        for (var b = 0; b < names.Count; b++)
        {
            var members = Enumerable.Range(0, bands.Count).Where(i => bands[i] == b).ToList();
            if (members.Count == 0) continue;
            var perOffer = new int[offers];
            var profit = 0d;
            foreach (var i in members)
                if (plan.Choice[i] is var c and not OfferPlanner.None) (perOffer[c], profit) = (perOffer[c] + 1, profit + priced[i * offers + c].Profit);
            var alone = Enumerable.Range(0, offers).Select(k => members.Sum(i => Math.Max(0, priced[i * offers + k].Profit))).ToList();
            var best = Enumerable.Range(0, offers).MaxBy(k => alone[k]);
            segments.Add(new OfferSegment(names[b], members.Count, perOffer, members.Count - perOffer.Sum(), profit, alone[best] > 0 ? best : null, alone[best]));
        }
        return segments;
    }
}
