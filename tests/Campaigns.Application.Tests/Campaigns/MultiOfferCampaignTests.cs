using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Integration;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Campaigns;

public class MultiOfferCampaignTests(CampaignDatabase demo) : IClassFixture<CampaignDatabase>
{
    private const string Marketer = "marketer@demo.local", Manager = "manager@demo.local";

    private AssignmentService Assignments => new(demo.Factory, new MoneyFormat("EUR"), new Application.Customers.BestSellerCache());

    private static Campaign ThreeOffers(string name) => new()
    {
        Name = name, CreatedBy = "", StartsAt = new DateTime(2027, 1, 1), EndsAt = new DateTime(2027, 1, 10), Budget = 900,
        Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push, CouponCode = "pct-20" },
        AlternativeOffers =
        [
            new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Push, CouponCode = "SHIP-FREE" },
            new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 5, MinimumSpend = 40, Channel = Channel.Push, CouponCode = "SAVE-5" },
        ],
    };

    /// <summary>A three-offer campaign, saved and approved; with <paramref name="plan"/>, its saved audience names each member's offer.</summary>
    private async Task<Campaign> ApprovedAsync(string name, Func<int, int?>? plan = null)
    {
        var saved = await demo.Campaigns.SaveAsync(ThreeOffers(name), Marketer);
        Assert.True(saved.Succeeded, saved.Message);
        var id = saved.Value!.Id;
        Assert.True((await demo.Campaigns.SubmitAsync(id, Marketer)).Succeeded);
        Assert.True((await demo.Campaigns.ApproveAsync(id, Manager, null)).Succeeded);
        if (plan is not null)
        {
            await using var db = demo.Open();
            var audience = new Audience { CampaignId = id, CreatedBy = Marketer };
            db.Audiences.Add(audience);
            var customers = await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.Id).ToListAsync();
            db.AudienceMembers.AddRange(customers.Select((c, i) =>
                new AudienceMember { AudienceId = audience.Id, CustomerId = c, Cell = AudienceCell.Targeted, Rank = i + 1, OfferPosition = plan(i) }));
            await db.SaveChangesAsync();
        }
        return saved.Value;
    }

    [Fact]
    public async Task Editing_the_offers_removes_a_saved_offer_plan_that_names_them_by_position_and_other_edits_keep_it()
    {
        var saved = await demo.Campaigns.SaveAsync(ThreeOffers("Plan follows offers"), Marketer);
        var id = saved.Value!.Id;
        await using (var db = demo.Open())
        {
            var plan = new Audience { CampaignId = id, CreatedBy = Marketer, Selection = AudienceSelection.OfferPlan };
            db.Audiences.Add(plan);
            var customer = await db.Customers.Select(c => c.Id).FirstAsync();
            db.AudienceMembers.Add(new AudienceMember { AudienceId = plan.Id, CustomerId = customer, Cell = AudienceCell.Targeted, Rank = 1, OfferPosition = 1 });
            await db.SaveChangesAsync();
        }
        async Task<bool> HasPlan() { await using var db = demo.Open(); return await db.Audiences.AnyAsync(a => a.CampaignId == id); }

        var renamed = (await demo.Campaigns.GetAsync(id))!;
        renamed.Name = "Plan follows offers, renamed";
        renamed.AlternativeOffers[0].CouponCode = "SHIP-2027";
        var kept = await demo.Campaigns.SaveAsync(renamed, Marketer);
        Assert.Equal("Campaign saved.", kept.Message);
        Assert.True(await HasPlan());

        // Position 1 would now be €5 off instead of free shipping: the plan's members would get terms it never priced.
        var swapped = (await demo.Campaigns.GetAsync(id))!;
        swapped.AlternativeOffers = [swapped.AlternativeOffers[1], swapped.AlternativeOffers[0]];
        var dropped = await demo.Campaigns.SaveAsync(swapped, Marketer);
        Assert.True(dropped.Succeeded, dropped.Message);
        Assert.Contains("saved offer plan named the old offers and was removed", dropped.Message);
        Assert.False(await HasPlan());
        await using var check = demo.Open();
        Assert.Empty(await check.AudienceMembers.Where(m => m.OfferPosition == 1 && !check.Audiences.Any(a => a.Id == m.AudienceId)).ToListAsync());
    }

    [Fact]
    public async Task The_offers_are_saved_and_read_back_with_their_coupon_codes_in_capitals_and_listed_with_their_terms()
    {
        var saved = await ApprovedAsync("Three offers stored");

        var read = (await demo.Campaigns.GetAsync(saved.Id))!;
        Assert.Equal(["20% off", "Free shipping", "5 off over 40"], read.Offers.Select(o => o.Describe()));
        Assert.Equal(["PCT-20", "SHIP-FREE", "SAVE-5"], read.Offers.Select(o => o.CouponCode));
        var row = Assert.Single(await demo.Campaigns.ListAsync(null, "Three offers stored"));
        Assert.Equal("3 offers: 20% off, Free shipping, €5.00 off over €40.00", row.Offer);
    }

    [Fact]
    public async Task An_edit_that_drops_an_offer_is_stored_and_audited()
    {
        var id = (await demo.Campaigns.SaveAsync(ThreeOffers("Two offers left"), Marketer)).Value!.Id;
        var edited = (await demo.Campaigns.GetAsync(id))!;
        edited.AlternativeOffers.RemoveAt(1);
        Assert.True((await demo.Campaigns.SaveAsync(edited, Marketer)).Succeeded);

        Assert.Equal(2, (await demo.Campaigns.GetAsync(id))!.Offers.Count);
        Assert.Contains("Other offers: Free shipping, €5.00 off over €40.00 → Free shipping", (await demo.Campaigns.HistoryAsync(id))[0].Details);
    }

    [Fact]
    public async Task A_campaign_with_several_offers_and_chosen_copy_cannot_be_submitted()
    {
        var id = (await demo.Campaigns.SaveAsync(ThreeOffers("Offers and copy"), Marketer)).Value!.Id;
        await using (var db = demo.Open())
        {
            db.CopyVariants.Add(new CopyVariant { CampaignId = id, Headline = "Take 20% off today", CreatedBy = Marketer });
            await db.SaveChangesAsync();
        }
        Assert.Equal(Campaign.OffersNotCopy, (await demo.Campaigns.SubmitAsync(id, Marketer)).Message);
    }

    [Fact]
    public async Task Without_a_plan_the_launch_splits_the_treated_customers_evenly_and_each_arm_assigns_its_offer()
    {
        var campaign = await ApprovedAsync("Three offers, no plan");
        Assert.False(await demo.Campaigns.LaunchAddsModelChoiceAsync(campaign.Id));
        Assert.True((await demo.Campaigns.LaunchAsync(campaign.Id, Manager, 0.1)).Succeeded);

        await using var db = demo.Open();
        var arms = (await db.Experiments.Include(e => e.Arms).SingleAsync(e => e.CampaignId == campaign.Id)).Arms.OrderBy(a => a.Position).ToList();
        Assert.Equal(["Holdout", "20% off", "Free shipping", "€5.00 off over €40.00"], arms.Select(a => a.Name));
        Assert.Equal([0.1, 0.3, 0.3, 0.3], arms.Select(a => Math.Round(a.Allocation, 10)));

        var byArm = await AssignEveryoneAsync(campaign.Id, 300);
        Assert.All(byArm["Holdout"], r => Assert.True(r.Offer is null && r.CouponCode is null));
        var amountOff = Assert.IsType<AssignedOffer>(byArm["€5.00 off over €40.00"][0].Offer);
        Assert.Equal(new AssignedOffer("€5.00 off over €40.00", PromotionType.FixedAmountOff, null, 5, 40, null, null, null, "SAVE-5"), amountOff);
        Assert.All(byArm["Free shipping"], r => Assert.Equal(("SHIP-FREE", "SHIP-FREE"), (r.CouponCode, r.Offer!.CouponCode)));
        Assert.Equal(20, byArm["20% off"][0].Offer!.PercentOff);
    }

    [Fact]
    public async Task With_a_plan_the_models_choice_gives_each_customer_the_offer_the_plan_names_or_none()
    {
        // The plan: every third customer nothing, the others the alternatives in turn.
        var campaign = await ApprovedAsync("Three offers, planned", i => i % 3 == 0 ? null : i % 3);
        // The launch plan, shown before the launch, is told of the arm the launch will add.
        Assert.True(await demo.Campaigns.LaunchAddsModelChoiceAsync(campaign.Id));
        Assert.True((await demo.Campaigns.LaunchAsync(campaign.Id, Manager, 0.2)).Succeeded);

        await using var db = demo.Open();
        var arms = (await db.Experiments.Include(e => e.Arms).SingleAsync(e => e.CampaignId == campaign.Id)).Arms.OrderBy(a => a.Position).ToList();
        Assert.Equal(["Holdout", "20% off", "Free shipping", "€5.00 off over €40.00", Campaign.ModelChoiceArm], arms.Select(a => a.Name));
        Assert.Equal([0.2, 0.133333, 0.133333, 0.133333, 0.4], arms.Select(a => Math.Round(a.Allocation, 6)));
        Assert.True(arms[^1].IsModelChoice);

        var keys = await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.ExternalId).ToListAsync();
        var chosen = await AssignEveryoneAsync(campaign.Id, keys.Count);
        var modelChoice = chosen[Campaign.ModelChoiceArm];
        Assert.True(modelChoice.Count > 50, $"{modelChoice.Count} customers in the model's choice");
        foreach (var response in modelChoice)
        {
            var planned = keys.IndexOf(response.CustomerId) % 3;
            Assert.Equal(planned switch { 1 => "Free shipping", 2 => "€5.00 off over €40.00", _ => null }, response.Offer?.Name);
            Assert.Equal(response.Offer?.CouponCode, response.CouponCode);
        }
        Assert.Contains(modelChoice, r => r.Offer is null);
        Assert.Contains(modelChoice, r => r.Offer is not null);
    }

    /// <summary>Assigns the first <paramref name="count"/> customers (by id), grouped by the arm they land in.</summary>
    private async Task<Dictionary<string, List<AssignmentResponse>>> AssignEveryoneAsync(Guid campaignId, int count)
    {
        await using var db = demo.Open();
        var keys = await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.ExternalId).Take(count).ToListAsync();
        var responses = new List<AssignmentResponse>();
        foreach (var key in keys)
        {
            var result = await Assignments.AssignAsync(new AssignmentRequest(campaignId, key), CancellationToken.None);
            Assert.True(result.Succeeded, result.Message);
            responses.Add(result.Value!);
        }
        return responses.GroupBy(r => r.Arm.Name).ToDictionary(g => g.Key, g => g.ToList());
    }
}
