using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class SlotsTests
{
    private readonly Delexicalizer _delexicalizer = new(CopyTestData.Lexicon.Products, CopyTestData.Lexicon.Categories, CopyTestData.Lexicon.FirstNames);

    [Theory]
    [InlineData("Last chance: 20% off on shoes", "Last chance: {discount} on {category}")]
    [InlineData("Free shipping ends at midnight", "{discount} ends at midnight")]
    [InlineData("Buy 2 get 1 free on home & living", "{discount} on {category}")]
    [InlineData("Going fast: Wool Coat with 10 off", "Going fast: {product} with {discount}")]
    [InlineData("Use code SAVE42 at checkout.", "Use code {code} at checkout.")]
    [InlineData("Offer ends Sunday. Terms apply.", "Offer ends {end_date}. Terms apply.")]
    [InlineData("Hi Anna, 15% off is waiting", "Hi {name}, {discount} is waiting")]
    [InlineData("Picked for you: [Recommended product], 15% off", "Picked for you: {product}, {discount}")]
    public void Delexicalizing_replaces_terms_and_catalogue_names_with_slots(string text, string expected) =>
        Assert.Equal(expected, _delexicalizer.Delexicalize(text));

    [Fact]
    public void Filling_uses_the_promotions_real_terms_and_capitalises_the_first_letter()
    {
        var terms = CopyTestData.Percent(15, "GIFT15");
        Assert.Equal("15% off on shoes, code GIFT15, ends 30 November", Slots.Fill("{discount} on {category}, code {code}, ends {end_date}", terms));
    }

    [Fact]
    public void A_slot_the_promotion_cannot_fill_gives_no_line()
    {
        Assert.Null(Slots.Fill("Use code {code}", CopyTestData.Percent(15, code: null)));
    }

    [Theory]
    [InlineData(CopyChannel.EmailSubject)]
    [InlineData(CopyChannel.EmailBody)]
    [InlineData(CopyChannel.Push)]
    public void Without_a_featured_product_a_personalizing_channel_fills_the_customers_recommended_product(CopyChannel channel)
    {
        var terms = CopyTestData.Percent(15) with { Product = null };
        Assert.Equal($"{Slots.ProductPlaceholder} is 15% off for you", Slots.Fill("{product} is {discount} for you", terms, channel));
    }

    [Theory]
    [InlineData(CopyChannel.Banner)]
    [InlineData(CopyChannel.ProductText)]
    [InlineData(null)]
    public void Without_a_featured_product_a_channel_the_same_for_everyone_gives_no_line(CopyChannel? channel)
    {
        var terms = CopyTestData.Percent(15) with { Product = null };
        Assert.Null(Slots.Fill("{product} is {discount} for you", terms, channel));
    }

    [Fact]
    public void A_featured_product_fills_the_slot_on_every_channel()
    {
        var terms = CopyTestData.Percent(15) with { Product = "Wool Coat" };
        Assert.Equal("Wool Coat is 15% off", Slots.Fill("{product} is {discount}", terms, CopyChannel.Push));
        Assert.Equal("Wool Coat is 15% off", Slots.Fill("{product} is {discount}", terms, CopyChannel.Banner));
    }

    [Fact]
    public void The_offer_states_free_shipping_bundles_amounts_and_a_minimum_spend()
    {
        Assert.Equal("free shipping", new PromotionTerms(PromotionType.FreeShipping).Offer);
        Assert.Equal("buy 2 get 1 free", new PromotionTerms(PromotionType.Bundle, BundleBuy: 2, BundleGet: 1).Offer);
        Assert.Equal("10 off over 50", new PromotionTerms(PromotionType.FixedAmountOff, AmountOff: 10, MinimumSpend: 50).Offer);
    }
}
