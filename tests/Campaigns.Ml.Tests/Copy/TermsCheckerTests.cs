using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class TermsCheckerTests
{
    private static IReadOnlyList<Contradiction> Check(string text, PromotionTerms terms, CopyChannel channel = CopyChannel.Push) =>
        TermsChecker.Contradictions(text, terms, channel);

    /// <summary>Asserts the line is flagged for that kind only, with a reason that names what it stated.</summary>
    private static void FlaggedFor(ClaimKind kind, string stated, IReadOnlyList<Contradiction> contradictions)
    {
        Assert.NotEmpty(contradictions);
        Assert.All(contradictions, c => Assert.Equal(kind, c.Kind));
        Assert.Contains(contradictions, c => c.Reason.Contains(stated, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Last chance: 20% off on shoes")]
    [InlineData("Buy 2 get 1 free this week")]
    [InlineData("Use code SAVE10 at checkout")]
    [InlineData("Ends Friday")]
    [InlineData("£5 off everything")]
    public void A_line_stating_terms_the_promotion_does_not_have_is_flagged(string text) =>
        Assert.Contains(Check(text, CopyTestData.Percent(15, "GIFT15")), c => c.Kind == ClaimKind.Offer);

    [Theory]
    [InlineData("Last chance: 15% off on shoes")]
    [InlineData("Only 48 hours: 15% off, code GIFT15")]
    [InlineData("15% off ends 30 November.")]
    public void A_line_true_to_the_terms_passes(string text) =>
        Assert.Empty(Check(text, CopyTestData.Percent(15, "GIFT15")));

    [Theory]
    [InlineData("Ends tonight: 15% off on shoes", "tonight")]
    [InlineData("Only 48 hours: 15% off", "Only 48 hours")]
    [InlineData("3 hours left for 15% off", "3 hours left")]
    [InlineData("Last day for 15% off on shoes", "Last day")]
    [InlineData("Last chance: 15% off on shoes", "Last chance")]
    [InlineData("Final hours: 15% off", "Final hours")]
    [InlineData("Today only: 15% off", "Today only")]
    [InlineData("15% off ends soon", "ends soon")]
    [InlineData("2 days left: 15% off", "2 days left")]
    [InlineData("24 hours to get 15% off", "24 hours to get")]
    [InlineData("Only a few days left to get 15% off", "Only a few days left")]
    public void Urgency_on_a_two_week_campaign_is_flagged_with_the_time_it_really_runs(string text, string urgency)
    {
        var contradictions = Check(text, CopyTestData.TwoWeeks(15));
        FlaggedFor(ClaimKind.Urgency, urgency, contradictions);
        Assert.Contains("14 days after the send", contradictions[0].Reason);
        Assert.Empty(Check(text, CopyTestData.Percent(15) with { SendAt = CopyTestData.EndsAt.AddHours(-2) }));
    }

    [Theory]
    [InlineData("Be quick: Chelsea Boots are almost sold out", "almost sold out")]
    [InlineData("Stock alert: 15% off on shoes", "Stock alert")]
    [InlineData("Only a few left: 15% off", "Only a few left")]
    [InlineData("Shoes are running low. 15% off", "running low")]
    public void Stock_running_out_is_flagged_because_no_stock_figure_supports_it(string text, string claim)
    {
        var contradiction = Assert.Single(TermsChecker.Contradictions(text, CopyTestData.TwoWeeks(15), CopyChannel.Push));
        Assert.Equal(ClaimKind.Stock, contradiction.Kind);
        Assert.Contains(claim, contradiction.Reason);
        Assert.Empty(TermsChecker.Contradictions("15% off on shoes while stocks last", CopyTestData.TwoWeeks(15), CopyChannel.Push));
    }

    [Fact]
    public void N_hours_left_needs_the_campaign_to_end_within_N_hours_of_the_send()
    {
        var twelveHoursLeft = CopyTestData.Percent(15);
        FlaggedFor(ClaimKind.Urgency, "3 hours left", Check("3 hours left: 15% off", twelveHoursLeft));
        Assert.Empty(Check("Only 12 hours: 15% off", twelveHoursLeft));
        Assert.Empty(Check("Ends tonight: 15% off", twelveHoursLeft));
        FlaggedFor(ClaimKind.Urgency, "tonight", Check("Ends tonight: 15% off", twelveHoursLeft with { SendAt = CopyTestData.EndsAt.AddHours(-30) }));
    }

    [Fact]
    public void No_countdown_is_true_of_a_campaign_that_has_ended()
    {
        var ended = CopyTestData.Percent(15) with { SendAt = CopyTestData.EndsAt.AddDays(30) };
        FlaggedFor(ClaimKind.Urgency, "has ended", Check("Ends tonight: 15% off", ended));
        FlaggedFor(ClaimKind.Urgency, "has ended", Check("3 hours left for 15% off", ended));
    }

    [Fact]
    public void Urgency_is_flagged_when_the_campaigns_end_is_not_known_and_a_line_without_urgency_passes_a_long_campaign()
    {
        FlaggedFor(ClaimKind.Urgency, "not known", Check("Ends tonight: 15% off", new PromotionTerms(PromotionType.PercentDiscount, PercentOff: 15)));
        Assert.Empty(Check("Hurry, 15% off on shoes", CopyTestData.TwoWeeks(15)));
    }

    [Theory]
    [InlineData("Free shipping on every order")]
    [InlineData("15% off and free delivery")]
    public void Free_shipping_is_flagged_on_another_offer_when_the_store_never_ships_free(string text) =>
        FlaggedFor(ClaimKind.Shipping, "states free", Check(text, CopyTestData.Percent(15)));

    [Fact]
    public void Free_shipping_passes_when_the_store_ships_free_from_the_value_the_line_states_or_on_a_free_shipping_offer()
    {
        var fromSixty = CopyTestData.Percent(15) with { Store = new StorePromises(60, []) };
        Assert.Empty(Check("15% off, and free shipping on orders over €60", fromSixty));
        Assert.Empty(Check("15% off plus free shipping over 75", fromSixty));
        var under = Check("15% off and free shipping over €40", fromSixty);
        Assert.Contains(under, c => c.Kind == ClaimKind.Shipping && c.Reason.Contains("only from 60"));
        FlaggedFor(ClaimKind.Shipping, "only from 60", Check("15% off and free shipping", fromSixty));
        Assert.Empty(Check("15% off and free shipping", CopyTestData.Percent(15) with { Store = new StorePromises(0, []) }));
        Assert.Empty(Check("Free shipping on every order", new PromotionTerms(PromotionType.FreeShipping)));
    }

    [Theory]
    [InlineData("15% off. Free returns on every order.", "free returns")]
    [InlineData("15% off, and we price match", "price match")]
    [InlineData("15% off with next-day delivery", "next-day delivery")]
    [InlineData("15% off, money-back guarantee", "money-back guarantee")]
    public void A_store_promise_passes_only_when_the_stores_policies_include_it(string text, string policy)
    {
        FlaggedFor(ClaimKind.StorePromise, "not one of the store's policies", Check(text, CopyTestData.Percent(15)));
        FlaggedFor(ClaimKind.StorePromise, "not one of", Check(text, CopyTestData.Percent(15) with { Store = new StorePromises(null, ["lifetime warranty"]) }));
        Assert.Empty(Check(text, CopyTestData.Percent(15) with { Store = new StorePromises(null, [policy.ToUpperInvariant().Replace('-', ' ')]) }));
    }

    [Theory]
    [InlineData("Free shipping sitewide", "sitewide")]
    [InlineData("Free shipping on everything", "everything")]
    [InlineData("Free shipping storewide", "storewide")]
    [InlineData("Free shipping on all items", "all items")]
    public void Sitewide_contradicts_an_offer_limited_to_one_category(string text, string word)
    {
        var limited = new PromotionTerms(PromotionType.FreeShipping, Category: "Shoes", CategoryLimited: true);
        FlaggedFor(ClaimKind.Sitewide, $"says {word} but the offer is limited to Shoes", Check(text, limited));
        Assert.Empty(Check("Free shipping on shoes", limited));
        Assert.Empty(Check(text, limited with { CategoryLimited = false }));
    }

    [Fact]
    public void A_product_from_another_category_contradicts_an_offer_limited_to_one()
    {
        var shoes = CopyTestData.Percent(15) with { CategoryLimited = true, OutsideProducts = ["Wool Coat", "Table Lamp"] };
        FlaggedFor(ClaimKind.Product, "names Wool Coat, which is not in Shoes", Check("15% off the wool coat", shoes));
        Assert.Empty(Check("15% off the Chelsea Boots", shoes));
    }

    [Theory]
    [InlineData("Hi {name}, 15% off is waiting", "{name}")]
    [InlineData("15% off {product}", "{product}")]
    [InlineData("15% off {anything}", "{anything}")]
    public void A_raw_slot_is_flagged(string text, string slot) =>
        FlaggedFor(ClaimKind.Slot, $"shows the raw slot {slot}", Check(text, CopyTestData.Percent(15), CopyChannel.EmailSubject));

    [Fact]
    public void The_customers_name_passes_on_channels_sent_per_customer_only()
    {
        var line = Slots.Fill("Hi {name}, {discount} is waiting", CopyTestData.Percent(15))!;
        Assert.Equal($"Hi {Slots.NamePlaceholder}, 15% off is waiting", line);
        Assert.Empty(Check(line, CopyTestData.Percent(15), CopyChannel.EmailSubject));
        Assert.Empty(Check(line, CopyTestData.Percent(15), CopyChannel.Push));
        FlaggedFor(ClaimKind.Slot, "a banner is the same for everyone", Check(line, CopyTestData.Percent(15), CopyChannel.Banner));
    }

    [Fact]
    public void The_customers_recommended_product_passes_on_channels_sent_per_customer_only()
    {
        var terms = CopyTestData.Percent(15) with { Product = null };
        var line = Slots.Fill("{product} is {discount} for you", terms, CopyChannel.EmailSubject)!;
        Assert.Empty(Check(line, terms, CopyChannel.EmailSubject));
        Assert.Empty(Check(line, terms, CopyChannel.Push));
        FlaggedFor(ClaimKind.Slot, "names each customer's recommended product, but a banner is the same for everyone", Check(line, terms, CopyChannel.Banner));
        FlaggedFor(ClaimKind.Slot, "a producttext is the same for everyone", Check(line, terms, CopyChannel.ProductText));
    }
}
