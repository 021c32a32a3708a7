using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class TermsCheckerTests
{
    [Theory]
    [InlineData("Last chance: 20% off on shoes")]
    [InlineData("Free shipping on every order")]
    [InlineData("Buy 2 get 1 free this week")]
    [InlineData("Use code SAVE10 at checkout")]
    [InlineData("Ends Friday")]
    [InlineData("£5 off everything")]
    public void A_line_stating_terms_the_promotion_does_not_have_is_flagged(string text) =>
        Assert.NotEmpty(TermsChecker.Contradictions(text, CopyTestData.Percent(15, "GIFT15")));

    [Theory]
    [InlineData("Last chance: 15% off on shoes")]
    [InlineData("Only 48 hours: 15% off, code GIFT15")]
    [InlineData("15% off ends 30 November. Free returns on every order.")]
    public void A_line_true_to_the_terms_passes(string text) =>
        Assert.Empty(TermsChecker.Contradictions(text, CopyTestData.Percent(15, "GIFT15")));

    [Fact]
    public void Sitewide_contradicts_an_offer_limited_to_one_category()
    {
        var limited = new PromotionTerms(PromotionType.FreeShipping, Category: "Shoes", CategoryLimited: true);
        Assert.NotEmpty(TermsChecker.Contradictions("Free shipping sitewide", limited));
        Assert.Empty(TermsChecker.Contradictions("Free shipping on shoes", limited));
    }
}
