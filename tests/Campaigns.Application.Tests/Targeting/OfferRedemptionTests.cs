using Campaigns.Application.Targeting;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Orders;

namespace Campaigns.Application.Tests.Targeting;

public sealed class OfferRedemptionTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    // Items of 30 on average; shipping 5 under 60.
    private static readonly StoreEconomics Store = new(0.4, 80, 30, new TargetingOptions { ShippingFee = 5, FreeShippingFrom = 60 });

    private static readonly Promotion Bundle = new() { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1, Channel = Channel.Email };

    [Fact]
    public async Task Offers_are_priced_on_what_their_orders_truly_gave_away()
    {
        var campaign = new Campaign { Name = "Spring", CreatedBy = "", Promotion = Bundle };
        campaign.AlternativeOffers.Add(new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Email });
        campaign.AlternativeOffers.Add(new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Email });
        var experiment = new Experiment { CampaignId = campaign.Id, Name = "Spring", Status = ExperimentStatus.Stopped };
        var control = new Arm { ExperimentId = experiment.Id, Name = "Holdout", IsControl = true, Allocation = 1 };
        var bundle = new Arm { ExperimentId = experiment.Id, Name = "Bundle", Position = 1, Allocation = 1 };
        var shipping = new Arm { ExperimentId = experiment.Id, Name = "Free shipping", Position = 2, Allocation = 1 };
        var percent = new Arm { ExperimentId = experiment.Id, Name = "10% off", Position = 3, Allocation = 1 };
        shipping.OverridePromotion(campaign.AlternativeOffers[0]);
        percent.OverridePromotion(campaign.AlternativeOffers[1]);
        experiment.Arms.AddRange([control, bundle, shipping, percent]);

        await using (var db = database.Open())
        {
            db.Campaigns.Add(campaign);
            db.Experiments.Add(experiment);
            var n = 0;
            void Buy(Arm arm, decimal subtotal, decimal discount, decimal shippingFee, Guid? campaignId)
            {
                var customer = new Customer { ExternalId = $"C{n++}", Region = "North" };
                db.Customers.Add(customer);
                db.Assignments.Add(new Assignment { ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = customer.Id });
                db.Orders.Add(new Order
                {
                    CustomerId = customer.Id, CampaignId = campaignId, Subtotal = subtotal, Discount = discount, Shipping = shippingFee,
                    Total = subtotal - discount + shippingFee,
                });
            }
            // A basket of 90 holds one bundle of three items of 30: its terms give one item away; a quarter of the orders took it.
            for (var i = 0; i < 120; i++) Buy(bundle, 90, i % 4 == 0 ? 30 : 0, 0, campaign.Id);
            // Free shipping recorded as a shipping of 0 (no discount) still gave the fee away.
            for (var i = 0; i < 100; i++) Buy(shipping, 40, 0, 0, campaign.Id);
            // Too few orders under 10% off to learn from; the holdout's orders and orders outside the campaign count for nothing.
            for (var i = 0; i < 10; i++) Buy(percent, 50, 0, 5, campaign.Id);
            for (var i = 0; i < 200; i++) Buy(control, 90, 30, 0, campaign.Id);
            for (var i = 0; i < 200; i++) Buy(bundle, 90, 30, 0, null);
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var redemption = await OfferRedemption.ReadAsync(db, Store, default);
            Assert.Equal(0.25, redemption[PromotionType.Bundle], 9);
            Assert.Equal(1, redemption[PromotionType.FreeShipping], 9);
            Assert.False(redemption.ContainsKey(PromotionType.PercentDiscount));

            var learned = Store with { Redemption = redemption };
            Assert.Equal(7.5, learned.CostOn(Bundle, 90), 9);
            Assert.Equal(9, learned.CostOn(campaign.AlternativeOffers[1], 90), 9);
        }
    }
}
