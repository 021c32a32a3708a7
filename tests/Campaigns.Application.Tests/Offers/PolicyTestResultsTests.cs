using Campaigns.Application.Offers;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Tests.Offers;

public sealed class PolicyTestResultsTests(EmptyDatabase store) : IClassFixture<EmptyDatabase>
{
    /// <summary>
    /// A launched two-offer campaign, priced at a 40% margin (one product: price 100, cost 60), shipping 4.95 under 60:
    ///   cell             customer: basket bought (profit = 0.4 × basket − what the offer gave away)
    ///   Holdout          50 (20), none (0)                          mean 10
    ///   20% off          100 (40 − 20 = 20), none (0)               mean 10
    ///   Free shipping    50 (20 − 4.95 = 15.05), 80 (32 − 0 = 32)   mean 23.525
    ///   Model's choice   free shipping, 50 (15.05); none, 50 (20)   mean 17.525
    /// A random offer pools the two offer cells: mean 16.7625. Conversions report what the customer paid: 54.95 for the
    /// basket of 50 without an offer (shipping), 80 for the basket of 100 at 20% off, 50 and 80 with free shipping.
    /// </summary>
    private async Task<Guid> LaunchedTestAsync()
    {
        await using var db = store.Open();
        var category = new Category { Name = "Everything" };
        db.Categories.Add(category);
        db.Products.Add(new Product { Sku = "P-1", Name = "Thing", CategoryId = category.Id, Price = 100, Cost = 60 });
        var campaign = new Campaign
        {
            Name = "Offers test", CreatedBy = "tests", Budget = 100,
            Promotion = new() { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push },
            AlternativeOffers = [new() { Type = PromotionType.FreeShipping, Channel = Channel.Push }],
        };
        db.Campaigns.Add(campaign);
        var experiment = new Experiment { CampaignId = campaign.Id, Name = campaign.Name, Status = ExperimentStatus.Running, StartedAt = DateTime.UtcNow };
        var holdout = new Arm { ExperimentId = experiment.Id, Name = "Holdout", IsControl = true, Allocation = 0.2, Position = 0 };
        var twenty = new Arm { ExperimentId = experiment.Id, Name = "20% off", Allocation = 0.2, Position = 1 };
        twenty.OverridePromotion(campaign.Offers[0]);
        var shipping = new Arm { ExperimentId = experiment.Id, Name = "Free shipping", Allocation = 0.2, Position = 2 };
        shipping.OverridePromotion(campaign.Offers[1]);
        var choice = new Arm { ExperimentId = experiment.Id, Name = Campaign.ModelChoiceArm, Allocation = 0.4, Position = 3, IsModelChoice = true };
        experiment.Arms.AddRange([holdout, twenty, shipping, choice]);
        db.Experiments.Add(experiment);
        var audience = new Audience { CampaignId = campaign.Id, Selection = AudienceSelection.OfferPlan, CreatedBy = "tests" };
        db.Audiences.Add(audience);
        (Arm Arm, double Paid, int? Offer)[] customers =
        [
            (holdout, 54.95, null), (holdout, 0, null), (twenty, 80, null), (twenty, 0, null),
            (shipping, 50, null), (shipping, 80, null), (choice, 50, 1), (choice, 54.95, null),
        ];
        foreach (var (arm, paid, offer) in customers)
        {
            var customer = new Customer { ExternalId = $"C{Guid.NewGuid():N}", Region = "North" };
            db.Customers.Add(customer);
            db.ExperimentCustomers.Add(new ExperimentCustomer
            {
                ExperimentId = experiment.Id, CustomerId = customer.Id, ArmId = arm.Id, Exposures = 1, Conversions = paid > 0 ? 1 : 0, Revenue = paid,
            });
            db.AudienceMembers.Add(new AudienceMember { AudienceId = audience.Id, CustomerId = customer.Id, OfferPosition = offer });
        }
        await db.SaveChangesAsync();
        return experiment.Id;
    }

    [Fact]
    public async Task Each_cell_earns_its_customers_margin_less_what_their_offer_gave_away_and_the_model_is_compared_with_each()
    {
        var id = await LaunchedTestAsync();
        var view = (await new PolicyTestResults(store.Factory, Options.Create(new TargetingOptions())).LoadAsync(id))!;
        var profit = view.Cells.ToDictionary(c => c.Name, c => c.ProfitPerCustomer!.Value);
        Assert.Equal(10, profit["Holdout"], 9);
        Assert.Equal(10, profit["20% off for everyone"], 9);
        Assert.Equal(23.525, profit["Free shipping for everyone"], 9);
        Assert.Equal(17.525, profit[Campaign.ModelChoiceArm], 9);
        Assert.Equal(16.7625, profit[PolicyTestResults.RandomOffer], 9);
        Assert.Equal(0.5, view.Cells.Single(c => c.Name == "20% off for everyone").ConversionRate);

        var against = view.Comparisons.ToDictionary(c => c.Against, c => c.Difference!);
        Assert.Equal(7.525, against["20% off for everyone"].Value, 9);
        Assert.Equal(-6, against["Free shipping for everyone"].Value, 9);
        Assert.Equal(0.7625, against[PolicyTestResults.RandomOffer].Value, 9);
        Assert.True(view.HasModelChoice);
        // Welch: the model's cell has variance (15.05 − 17.525)² × 2 / 1 over 2 customers; 20% off (10² × 2) / 1 over 2.
        var se = Math.Sqrt(2 * 2.475 * 2.475 / 2 + 2 * 10.0 * 10.0 / 2);
        Assert.Equal(se, against["20% off for everyone"].StandardError, 9);
    }

    [Fact]
    public async Task A_single_offer_campaign_has_no_policy_test()
    {
        await using var db = store.Open();
        var campaign = new Campaign { Name = "One offer", CreatedBy = "tests", Promotion = new() { Type = PromotionType.FreeShipping } };
        var experiment = new Experiment { CampaignId = campaign.Id, Name = "One offer" };
        db.AddRange(campaign, experiment);
        await db.SaveChangesAsync();
        Assert.Null(await new PolicyTestResults(store.Factory, Options.Create(new TargetingOptions())).LoadAsync(experiment.Id));
    }
}
