using Campaigns.Data.Demo;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Orders;

namespace Campaigns.Application.Tests;

public sealed class DemoStoreGeneratorTests
{
    private static DemoStore Generate(int seed) => new DemoStoreGenerator(seed, DemoDatabase.AsOf).Generate(300);

    private static readonly DemoStoreGenerator Truth = new(7, DemoDatabase.AsOf);
    private static readonly DemoStore Store = Truth.Generate(3000);

    private static Promotion Percent(decimal pct, Channel channel = Channel.Email) => new() { Type = PromotionType.PercentDiscount, PercentOff = pct, Channel = channel };
    /// <summary>The demo store's free-shipping threshold (the app's default).</summary>
    private const decimal FreeShippingFrom = 60;

    private static readonly Promotion FreeShipping = new() { Type = PromotionType.FreeShipping, Channel = Channel.Email };
    private static readonly Promotion Bundle = new() { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1, Channel = Channel.Email };

    private static List<string> Customers(DemoSegment segment) =>
        Store.Customers.Select(c => c.ExternalId).Where(id => Truth.SegmentOf(id) == segment).ToList();

    private static double Gain(string id, Promotion promotion) =>
        Truth.TrueResponse(id, promotion).Probability - Truth.TrueResponse(id, null).Probability;

    [Fact]
    public void One_seed_always_gives_the_same_store_ids_included()
    {
        var (first, second) = (Generate(7), Generate(7));
        Assert.Equal(first.Customers.Select(c => (c.Id, c.ExternalId)), second.Customers.Select(c => (c.Id, c.ExternalId)));
        Assert.Equal(first.Assignments.Select(a => (a.Id, a.CustomerId, a.ArmId)), second.Assignments.Select(a => (a.Id, a.CustomerId, a.ArmId)));
        Assert.Equal(first.OrderLines.Select(l => (l.Id, l.OrderId, l.ProductId)), second.OrderLines.Select(l => (l.Id, l.OrderId, l.ProductId)));
        Assert.NotEqual(first.Customers.Select(c => c.Id), Generate(8).Customers.Select(c => c.Id));
    }

    [Fact]
    public void One_seed_always_gives_the_same_truth()
    {
        var (first, second) = (new DemoStoreGenerator(7, DemoDatabase.AsOf), new DemoStoreGenerator(7, DemoDatabase.AsOf));
        var ids = first.Generate(300).Customers.Select(c => c.ExternalId).ToList();
        second.Generate(300);
        foreach (var offer in new Promotion?[] { null, Percent(20), FreeShipping, Bundle })
            Assert.Equal(ids.Select(id => first.TrueResponse(id, offer)), ids.Select(id => second.TrueResponse(id, offer)));
    }

    [Fact]
    public void Ids_are_unique_version_7_and_ascend_in_the_order_rows_were_made()
    {
        var store = Generate(7);
        var ids = store.Customers.Select(c => c.Id).Concat(store.Orders.Select(o => o.Id)).Concat(store.Assignments.Select(a => a.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        var customers = store.Customers.Select(c => c.Id).ToList();
        Assert.Equal(customers.Order(), customers);
    }

    [Fact]
    public void Deal_seekers_barely_move_for_10_percent_and_gain_most_from_25()
    {
        var seekers = Customers(DemoSegment.DealSeeker);
        Assert.NotEmpty(seekers);
        Assert.All(seekers, id =>
        {
            Assert.True(Gain(id, Percent(10)) < 0.02);
            Assert.True(Gain(id, Percent(25)) > Gain(id, Percent(20)) && Gain(id, Percent(20)) > 3 * Gain(id, Percent(10)));
            Assert.True(Gain(id, Percent(25)) > Gain(id, FreeShipping));
        });
    }

    [Fact]
    public void Small_basket_mobile_customers_gain_from_free_shipping_more_than_from_10_percent_off()
    {
        var small = Customers(DemoSegment.SmallBasketMobile).Where(id => Truth.TrueResponse(id, null).Basket < 60).ToList();
        Assert.True(small.Count > Customers(DemoSegment.SmallBasketMobile).Count * 0.8);
        Assert.All(small, id => Assert.True(Gain(id, FreeShipping) > 0.1 && Gain(id, FreeShipping) > Gain(id, Percent(10)) + 0.05));
    }

    [Fact]
    public void Premium_customers_lose_from_any_percent_off_and_most_by_email()
    {
        Assert.All(Customers(DemoSegment.Premium), id =>
        {
            Assert.True(Gain(id, Percent(10)) < 0 && Gain(id, Percent(25)) < Gain(id, Percent(10)));
            Assert.True(Gain(id, Percent(20, Channel.Email)) < Gain(id, Percent(20, Channel.Push)));
        });
    }

    [Fact]
    public void Multi_item_buyers_gain_most_from_a_bundle_and_buy_more_under_it()
    {
        Assert.All(Customers(DemoSegment.MultiItem), id =>
        {
            Assert.True(Gain(id, Bundle) > Gain(id, Percent(15)) && Gain(id, Bundle) > Gain(id, FreeShipping));
            Assert.True(Truth.TrueResponse(id, Bundle).Basket > 1.3 * Truth.TrueResponse(id, null).Basket);
        });
    }

    [Fact]
    public void The_segments_show_in_what_the_model_sees()
    {
        double Mean(DemoSegment s, Func<Domain.Customers.Customer, double> f) =>
            Store.Customers.Where(c => Truth.SegmentOf(c.ExternalId) == s && c.Behaviour.OrderCount > 0).Average(f);
        Assert.True(Mean(DemoSegment.DealSeeker, c => c.Behaviour.DiscountShare) > 0.6);
        Assert.True(Mean(DemoSegment.Premium, c => c.Behaviour.DiscountShare) < 0.15);
        Assert.True(Mean(DemoSegment.SmallBasketMobile, c => (double)c.Behaviour.AverageOrderValue) < 50);
        Assert.True(Mean(DemoSegment.Premium, c => (double)c.Behaviour.AverageOrderValue) > 100);
        Assert.True(Mean(DemoSegment.SmallBasketMobile, c => c.Device == Domain.Customers.Device.Mobile ? 1 : 0) > 0.75);
        static double ItemsPerOrder(Domain.Customers.Customer c) => (double)c.Behaviour.ItemCount / c.Behaviour.OrderCount;
        Assert.True(Mean(DemoSegment.MultiItem, ItemsPerOrder) > 1.5 * Mean(DemoSegment.Indifferent, ItemsPerOrder));
    }

    /// <summary>Every order that converted a campaign, with the offer its customer's arm made (null: the control's).</summary>
    private static readonly IReadOnlyList<(Order Order, Promotion? Offer)> CampaignOrders = OrdersWithTheirOffer();

    private static List<(Order Order, Promotion? Offer)> OrdersWithTheirOffer()
    {
        var arms = Store.Experiments.SelectMany(e => e.Arms).ToDictionary(a => a.Id);
        var campaigns = Store.Campaigns.ToDictionary(c => c.Id);
        var armOf = Store.Assignments.ToDictionary(a => (a.ExperimentId, a.CustomerId), a => arms[a.ArmId]);
        var experimentOf = Store.Experiments.ToDictionary(e => e.CampaignId, e => e.Id);
        return Store.Orders.Where(o => o.CampaignId is not null).Select(o =>
        {
            var arm = armOf[(experimentOf[o.CampaignId!.Value], o.CustomerId)];
            return (o, arm.IsControl ? null : arm.Offer(campaigns[o.CampaignId.Value].Promotion));
        }).ToList();
    }

    [Fact]
    public void Orders_under_an_offer_follow_the_true_basket_and_a_bundle_fills_multi_item_baskets()
    {
        var customers = Store.Customers.ToDictionary(c => c.Id, c => c.ExternalId);
        var rows = CampaignOrders.Select(r => (r.Order, r.Offer, Truth: Truth.TrueResponse(customers[r.Order.CustomerId], r.Offer).Basket)).ToList();
        Assert.InRange(rows.Average(r => (double)r.Order.Subtotal) / rows.Average(r => r.Truth), 0.9, 1.1);
        var bundled = rows.Where(r => r.Offer?.Type == PromotionType.Bundle && Truth.SegmentOf(customers[r.Order.CustomerId]) == DemoSegment.MultiItem).ToList();
        Assert.NotEmpty(bundled);
        Assert.All(bundled, r => Assert.True(r.Order.Lines.Sum(l => l.Quantity) >= r.Offer!.BundleBuy + r.Offer.BundleGet));
        Assert.All(bundled, r => Assert.True(r.Order.Discount > 0));
    }

    [Fact]
    public void A_free_shipping_order_below_the_threshold_pays_its_subtotal_the_fee_charged_and_waived()
    {
        var shipFree = CampaignOrders.Where(r => r.Offer?.Type == PromotionType.FreeShipping && r.Order.Subtotal < FreeShippingFrom)
            .Select(r => r.Order).ToList();
        Assert.NotEmpty(shipFree);
        // Paid once: the fee is charged as shipping and given back as the offer's discount (it was taken off twice).
        Assert.All(shipFree, o => Assert.Equal((o.Subtotal, o.Shipping, o.Discount), (o.Total, o.Shipping, o.Shipping)));
        Assert.All(shipFree, o => Assert.True(o.Shipping > 0));
    }

    [Fact]
    public void True_purchases_give_away_what_orders_under_the_offer_do()
    {
        var id = Customers(DemoSegment.SmallBasketMobile)[0];
        var purchases = Truth.TruePurchases(id, FreeShipping, 400);
        // A small basket's mean is under the threshold but some draws are not: the fee is waived on those below only.
        Assert.All(purchases, p => Assert.Equal(p.Basket < (double)FreeShippingFrom ? 4.95 : 0, p.GivenAway, 6));
        Assert.Contains(purchases, p => p.Basket >= (double)FreeShippingFrom);
        Assert.InRange(purchases.Average(p => p.Basket) / Truth.TrueResponse(id, FreeShipping).Basket, 0.8, 1.2);
        Assert.Equal(purchases, Truth.TruePurchases(id, FreeShipping, 400));
        Assert.All(Truth.TruePurchases(id, null, 50), p => Assert.Equal(0, p.GivenAway));
    }

    [Fact]
    public void Past_campaigns_include_a_depth_test_and_multi_offer_tests_before_the_live_ones()
    {
        var campaigns = Store.Campaigns.ToDictionary(c => c.Id);
        string Terms(Domain.Experiments.Arm arm, Campaign campaign) => arm.IsControl ? "control" : arm.Offer(campaign.Promotion).Describe();
        var tests = Store.Experiments.Select(e => (Campaign: campaigns[e.CampaignId], Arms: e.Arms.OrderBy(a => a.Position).Select(a => Terms(a, campaigns[e.CampaignId])).ToList())).ToList();
        var firstLive = tests.Where(t => t.Campaign.Status == CampaignStatus.Live).Min(t => t.Campaign.StartsAt);

        var depth = Assert.Single(tests, t => t.Campaign.Name.StartsWith("Depth Test", StringComparison.Ordinal));
        Assert.Equal(["control", "10% off", "15% off", "20% off", "25% off"], depth.Arms);
        var multi = tests.Where(t => t.Campaign.Name.StartsWith("Offer Test", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, multi.Count);
        Assert.Contains(["control", "15% off", "Free shipping", "10 off over 50", "Buy 2 get 1 free"], multi.Select(t => t.Arms));
        Assert.All(multi.Append(depth), t =>
        {
            Assert.Equal(t.Arms.Skip(1), t.Campaign.Offers.Select(o => o.Describe()));
            Assert.Equal(CampaignStatus.Completed, t.Campaign.Status);
            Assert.True(t.Campaign.EndsAt < firstLive);
        });
        var assigned = Store.Assignments.GroupBy(a => a.ArmId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Store.Experiments.Where(e => e.Arms.Count == 5).SelectMany(e => e.Arms), arm => Assert.True(assigned.GetValueOrDefault(arm.Id) > 300));
    }

    private static readonly IReadOnlyList<DemoCustomerTruth> Future = Truth.TrueFuture();

    [Fact]
    public void Lapsing_customers_buy_less_in_their_last_months_and_growing_ones_more()
    {
        var trajectory = Future.ToDictionary(t => t.CustomerId, t => t.Trajectory);
        var start = DemoDatabase.AsOf.AddDays(-730);
        var early = Store.Customers.Where(c => c.SignedUpAt < start).Select(c => c.Id).ToHashSet();
        // Orders the customers placed on their own (campaign conversions follow the campaigns' truth, not the drift).
        double Ratio(DemoTrajectory kind)
        {
            var orders = Store.Orders.Where(o => o.CampaignId is null && early.Contains(o.CustomerId) && trajectory[o.CustomerId] == kind).ToList();
            return (double)orders.Count(o => o.PlacedAt >= DemoDatabase.AsOf.AddDays(-180)) / orders.Count(o => o.PlacedAt < start.AddDays(180));
        }
        Assert.InRange(Ratio(DemoTrajectory.Lapsing), 0, 0.5);
        Assert.InRange(Ratio(DemoTrajectory.Steady), 0.85, 1.15);
        Assert.InRange(Ratio(DemoTrajectory.Growing), 1.5, 5);
        Assert.InRange(Future.Count(t => t.Trajectory == DemoTrajectory.Steady) / (double)Future.Count, 0.6, 0.8);
    }

    [Fact]
    public void The_true_future_probabilities_match_the_realized_future()
    {
        static bool OrderedWithin(DemoCustomerTruth t, int days) => t.Orders.Any(o => o.PlacedAt < DemoDatabase.AsOf.AddDays(days));
        Assert.All(Future.SelectMany(t => t.Orders), o => Assert.InRange(o.PlacedAt, DemoDatabase.AsOf, DemoDatabase.AsOf.AddDays(DemoCustomerTruth.ValueDays)));
        // By fifths of the true probability: each fifth's mean probability is its realized rate, give or take sampling noise.
        foreach (var (probability, realized) in new (Func<DemoCustomerTruth, double>, Func<DemoCustomerTruth, bool>)[]
                 {
                     (t => t.ChurnProbability, t => !OrderedWithin(t, DemoCustomerTruth.ChurnDays)),
                     (t => t.PurchaseProbability, t => OrderedWithin(t, DemoCustomerTruth.PurchaseDays)),
                 })
            foreach (var fifth in Future.OrderBy(probability).Select((t, i) => (t, i)).GroupBy(x => x.i * 5 / Future.Count, x => x.t))
                Assert.InRange(fifth.Average(probability) - fifth.Average(t => realized(t) ? 1.0 : 0.0), -0.05, 0.05);
        Assert.InRange(Future.Sum(t => t.Orders.Count) / Future.Sum(t => t.ExpectedOrders), 0.95, 1.05);
        Assert.InRange(Future.Sum(t => t.Orders.Sum(o => (double)o.Total)) / Future.Sum(t => t.ExpectedSpend), 0.9, 1.1);
        var lapsing = Future.Where(t => t.Trajectory == DemoTrajectory.Lapsing).ToList();
        Assert.True(lapsing.Average(t => t.ChurnProbability) > Future.Where(t => t.Trajectory == DemoTrajectory.Steady).Average(t => t.ChurnProbability) + 0.2);
    }

    [Fact]
    public void One_seed_always_gives_the_same_future()
    {
        var (first, second) = (new DemoStoreGenerator(7, DemoDatabase.AsOf), new DemoStoreGenerator(7, DemoDatabase.AsOf));
        first.Generate(300);
        second.Generate(300);
        static IEnumerable<object> Flat(IReadOnlyList<DemoCustomerTruth> future) =>
            future.SelectMany(t => new object[] { (t.CustomerId, t.Trajectory, t.ChurnProbability, t.PurchaseProbability, t.ExpectedOrders, t.ExpectedSpend) }.Concat(t.Orders));
        Assert.Equal(Flat(first.TrueFuture()), Flat(second.TrueFuture()));
        Assert.Equal(Flat(first.TrueFuture()), Flat(first.TrueFuture()));
    }

    private static readonly DemoStoreGenerator HoldoutTruth = new(7, DemoDatabase.AsOf, new DemoHoldout(Share: 0.2));
    private static readonly DemoStore HoldoutStore = HoldoutTruth.Generate(3000);

    [Fact]
    public void A_global_holdout_leaves_its_customers_out_of_later_campaigns_and_records_who_qualified()
    {
        Assert.Empty(Store.HoldoutPeriods);
        Assert.Empty(Store.Qualifiers);
        var period = Assert.Single(HoldoutStore.HoldoutPeriods);
        Assert.Equal(DemoDatabase.AsOf.Date.AddDays(-125), period.StartsAt);
        var held = HoldoutStore.Customers.Where(c => period.Holds(c.Id)).Select(c => c.Id).ToHashSet();
        Assert.InRange(held.Count, 0.17 * 3000, 0.23 * 3000);

        // The same customers; the campaigns before the start reached them as without a holdout.
        Assert.Equal(Store.Customers.Select(c => c.Id), HoldoutStore.Customers.Select(c => c.Id));
        static IEnumerable<(Guid, DateTime)> Earlier(DemoStore store, DateTime start)
        {
            var earlier = store.Experiments.Where(e => e.StartedAt < start).Select(e => e.Id).ToHashSet();
            return store.Assignments.Where(a => earlier.Contains(a.ExperimentId)).Select(a => (a.CustomerId, a.AssignedAt));
        }
        Assert.Equal(Earlier(Store, period.StartsAt), Earlier(HoldoutStore, period.StartsAt));

        var later = HoldoutStore.Experiments.Where(e => e.StartedAt >= period.StartsAt).ToDictionary(e => e.Id, e => e.CampaignId);
        Assert.True(later.Count >= 5);
        Assert.DoesNotContain(HoldoutStore.Assignments, a => later.ContainsKey(a.ExperimentId) && held.Contains(a.CustomerId));
        Assert.DoesNotContain(HoldoutStore.Orders, o => o.CampaignId is { } c && later.ContainsValue(c) && held.Contains(o.CustomerId));
        // Who qualified: each later campaign's sample, the held-out ones marked; the rest are exactly its assignments.
        Assert.All(HoldoutStore.Qualifiers, q => Assert.Equal(held.Contains(q.CustomerId), q.HeldOut));
        Assert.InRange(HoldoutStore.Qualifiers.Count(q => q.HeldOut) / (double)HoldoutStore.Qualifiers.Count, 0.15, 0.25);
        Assert.Equal(HoldoutStore.Assignments.Where(a => later.ContainsKey(a.ExperimentId)).Select(a => (later[a.ExperimentId], a.CustomerId)).Order(),
            HoldoutStore.Qualifiers.Where(q => !q.HeldOut).Select(q => (q.CampaignId, q.CustomerId)).Order());
    }

    [Fact]
    public void The_true_programme_effect_is_what_the_offers_reaching_the_programme_add_to_buying_per_programme_customer()
    {
        var period = HoldoutStore.HoldoutPeriods[0];
        var truth = HoldoutTruth.TrueProgrammeEffect();
        var externalId = HoldoutStore.Customers.ToDictionary(c => c.Id, c => c.ExternalId);
        var campaigns = HoldoutStore.Campaigns.ToDictionary(c => c.Id);
        var extraOrders = 0.0;
        foreach (var experiment in HoldoutStore.Experiments.Where(e => e.StartedAt >= period.StartsAt))
        {
            var campaign = campaigns[experiment.CampaignId];
            var observed = ((campaign.EndsAt < DemoDatabase.AsOf.Date ? campaign.EndsAt : DemoDatabase.AsOf.Date) - campaign.StartsAt) / (campaign.EndsAt - campaign.StartsAt);
            var arms = experiment.Arms.ToDictionary(a => a.Id);
            foreach (var a in HoldoutStore.Assignments.Where(a => a.ExperimentId == experiment.Id && !arms[a.ArmId].IsControl))
                extraOrders += observed * HoldoutTruth.TrueEffect(externalId[a.CustomerId], arms[a.ArmId].Offer(campaign.Promotion));
        }
        Assert.Equal(HoldoutStore.Customers.Count(c => !period.Holds(c.Id)), truth.ProgrammeCustomers);
        Assert.Equal(3000 - truth.ProgrammeCustomers, truth.HeldOutCustomers);
        Assert.Equal(extraOrders / truth.ProgrammeCustomers, truth.Orders, 9);
        // What the offers give away shows in the margin: it is below the revenue they bring.
        Assert.True(truth.Margin < truth.Revenue);
        Assert.Throws<InvalidOperationException>(() => Truth.TrueProgrammeEffect());
    }
}
