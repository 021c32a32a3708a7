using Bunit;
using Campaigns.Analytics.Offers;
using Campaigns.Application.Models;
using Campaigns.Application.Offers;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Campaigns.Ml.Offers;
using Campaigns.Web.Features.Offers.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Offers;

public class OfferPlanViewTests : ComponentTest
{
    private static readonly CandidateOffer[] Offers =
    [
        new(0, "20% off", new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20 }),
        new(1, "Free shipping", new Promotion { Type = PromotionType.FreeShipping }),
    ];

    /// <summary>An option with exactly this profit and spend.</summary>
    private static OfferOption Option(double profit, double spend) => new(0.5, 0, 2 * profit, 0, 2 * spend);

    // Four customers: two earn most on 20% off, one on free shipping, one on nothing.
    private static readonly OfferOption[] Priced =
    [
        Option(30, 10), Option(12, 2),
        Option(25, 8), Option(5, 1),
        Option(4, 6), Option(9, 2),
        Option(-5, 6), Option(-1, 2),
    ];

    private static OfferPlanResult Result(double? budget = null)
    {
        var plan = OfferPlanner.Plan(Priced, 2, budget);
        return new OfferPlanResult(new OfferPlanRequest(Guid.NewGuid(), new AudienceRules(), (decimal?)budget),
            new ModelInfo(Guid.NewGuid(), ModelKind.OfferTargeting, 3, "T", ModelStatus.Current, DateTime.UtcNow), Offers, plan,
            Offers.Select(o => OfferPlanner.Value(Priced, 2, plan.Choice.Select(c => c == o.Position ? c : OfferPlanner.None).ToArray())).ToList(),
            Offers.Select(o => OfferPlanner.Everyone(Priced, 2, o.Position)).ToList(),
            Offers.Select(o => OfferPlanner.Plan(Priced, 2, budget, new HashSet<int> { o.Position }).Value).ToList(),
            [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], [30, 25, 9, 0], TimeSpan.FromSeconds(1.2));
    }

    [Fact]
    public void The_mix_counts_the_customers_of_each_offer_and_those_who_get_none()
    {
        var view = Render<OfferPlanView>(p => p.Add(v => v.Result, Result()));

        Assert.Contains("20% off", view.Find("[data-testid=mix-0]").TextContent);
        Assert.Contains("2", view.Find("[data-testid=mix-0]").TextContent);
        Assert.Contains("50.0%", view.Find("[data-testid=mix-0]").TextContent);
        Assert.Contains("€9.00", view.Find("[data-testid=mix-1]").TextContent);
        Assert.Contains("25.0%", view.Find("[data-testid=mix-none]").TextContent);
        Assert.Contains("3", view.Find("[data-testid=plan-customers]").TextContent);
    }

    [Fact]
    public void The_customers_left_out_by_contact_rules_and_the_global_holdout_are_counted_and_nothing_is_said_when_none_are()
    {
        var view = Render<OfferPlanView>(p => p.Add(v => v.Result, Result() with { ContactCapped = 1240, ContactTaken = 3, HeldOut = 57 }));

        Assert.Equal("1,240 customers left out by contact rules; 3 planned in less profitable campaigns come here instead.",
            view.Find("[data-testid=plan-contact-capped]").TextContent.Trim());
        Assert.Equal("57 customers in the global holdout left out.", view.Find("[data-testid=plan-held-out]").TextContent.Trim());

        var none = Render<OfferPlanView>(p => p.Add(v => v.Result, Result()));
        Assert.Empty(none.FindAll("[data-testid=plan-contact-capped]"));
        Assert.Empty(none.FindAll("[data-testid=plan-held-out]"));
    }

    [Fact]
    public void Offers_priced_below_their_terms_say_what_share_of_them_past_orders_gave_away()
    {
        var view = Render<OfferPlanView>(p => p.Add(v => v.Result, Result() with { TakeUp = [1, 0.298] }));
        var note = view.Find("[data-testid=plan-take-up]").TextContent;
        Assert.Contains("Free shipping, 30% of what its terms give", note);
        Assert.DoesNotContain("20% off,", note);

        var onTerms = Render<OfferPlanView>(p => p.Add(v => v.Result, Result() with { TakeUp = [1, 1] }));
        Assert.Empty(onTerms.FindAll("[data-testid=plan-take-up]"));
    }

    [Fact]
    public void Expected_profit_is_shown_with_its_interval_and_against_the_best_single_offer()
    {
        var result = Result();
        var view = Render<OfferPlanView>(p => p.Add(v => v.Result, result));

        Assert.Contains("€64.00", view.Find("[data-testid=plan-profit]").TextContent);
        // The interval is the purchases' chance given the model's estimates, not the model's own error: it says so.
        Assert.Contains("95% interval", view.Find("[data-testid=plan-profit]").TextContent);
        Assert.Contains("from chance alone, if the model's estimates hold", view.Find("[data-testid=plan-profit]").TextContent);
        // 20% off alone, to those it pays on, earns 30 + 25 + 4 = 59 (free shipping alone 12 + 5 + 9 = 26): the plan earns 5 more.
        Assert.Contains("+€5.00", view.Find("[data-testid=plan-gain]").TextContent);
        Assert.Contains("20% off alone, targeted within the same budget, earns €59.00", view.Find("[data-testid=plan-gain]").TextContent);
        Assert.Contains("€54.00", view.Find("[data-testid=compare-everyone-0]").TextContent);
        Assert.Contains("Only Free shipping, targeted", view.Find("[data-testid=compare-targeted-1]").TextContent);
        Assert.Contains("no budget limit", view.Find("[data-testid=plan-spend]").TextContent);
    }

    [Fact]
    public void The_plan_by_discount_habit_shows_each_groups_mix_and_the_one_offer_to_send_it()
    {
        var result = Result();
        // Customer 0 never bought with a discount, 1 and 2 mostly did, 3 has no orders yet.
        result = result with { Segments = OfferSegment.ByHabit(Priced, 2, result.Plan, [0, 3, 3, 4]) };
        var view = Render<OfferPlanView>(p => p.Add(v => v.Result, result));

        Assert.Equal(3, view.FindAll("[data-testid=plan-segments] tbody tr").Count);
        Assert.Contains("Never bought with a discount", view.Find("[data-testid=segment-0]").TextContent);
        Assert.Contains("Mostly discounted", view.Find("[data-testid=segment-1]").TextContent);
        Assert.Contains("20% off 1, Free shipping 1, none 0", view.Find("[data-testid=segment-1]").TextContent);
        Assert.Contains("€34.00", view.Find("[data-testid=segment-1]").TextContent);
        // 20% off alone earns 25 + 4 on that group, free shipping 5 + 9.
        Assert.Contains("20% off (€29.00)", view.Find("[data-testid=segment-1]").TextContent);
        Assert.Contains("None: no offer pays", view.Find("[data-testid=segment-2]").TextContent);
    }

    [Fact]
    public void A_budget_is_shown_against_the_spend_and_the_curve_marks_the_plan()
    {
        var view = Render<OfferPlanView>(p => p.Add(v => v.Result, Result(budget: 5)));

        Assert.Contains("of a budget of €5.00", view.Find("[data-testid=plan-spend]").TextContent);
        Assert.Contains("spent", view.Find("[data-testid=budget-curve]").TextContent);
    }

    [Fact]
    public void A_customer_explanation_lists_each_offer_with_its_drivers_and_names_the_chosen_one()
    {
        var offers = new CustomerOffers("C000042",
        [
            new CustomerOfferEstimate(Offers[0], new OfferOption(0.3, 0.1, 20, 25, 10),
                [new OfferDriver("discount_share", "0.8", "0.1", 2.5), new OfferDriver("spend", "1234.5", "310", -0.4), new OfferDriver("device", "Mobile", "Desktop", 0.3)]),
            new CustomerOfferEstimate(Offers[1], new OfferOption(0.2, 0.1, 24, 25, 2), []),
        ]);
        var view = Render<CustomerOffersView>(p => p.Add(v => v.Offers, offers));

        Assert.Contains("20% off (chosen)", view.Find("[data-testid=customer-offer-0]").TextContent);
        var chosen = view.Find("[data-testid=customer-offer-0]").TextContent;
        Assert.Contains("share of orders discounted 80%: +€2.50", chosen);
        Assert.Contains("(a typical customer: 10%)", chosen);
        Assert.Contains("spend €1,234.50: −€0.40 (a typical customer: €310.00)", chosen);
        Assert.Contains("device Mobile: +€0.30 (a typical customer: Desktop)", chosen);
        Assert.Contains("30.0%", view.Find("[data-testid=customer-offer-0]").TextContent);
        Assert.DoesNotContain("(chosen)", view.Find("[data-testid=customer-offer-1]").TextContent);
    }
}
