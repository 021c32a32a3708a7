using Campaigns.Application.Copy;
using Campaigns.Application.Tests.Campaigns;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Copy;

/// <summary>Copy is checked against the campaign's own dates, category and catalogue, and against the store's settings.</summary>
public class CopyClaimsTests(CampaignDatabase store) : IClassFixture<CampaignDatabase>
{
    private const string Marketer = "marketer@demo.local";

    private async Task<Campaign> CampaignAsync(DateTime startsAt, TimeSpan runs, Channel channel = Channel.Push, Guid? categoryId = null)
    {
        var saved = await store.Campaigns.SaveAsync(new Campaign
        {
            Name = $"Claims {Guid.NewGuid():N}"[..25], CreatedBy = "", StartsAt = startsAt, EndsAt = startsAt + runs, Budget = 1000,
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = channel, CategoryId = categoryId },
        }, Marketer);
        Assert.True(saved.Succeeded, saved.Message);
        return saved.Value!;
    }

    private Task<Campaign> TwoWeekCampaignAsync(Channel channel = Channel.Push, Guid? categoryId = null) =>
        CampaignAsync(DateTime.UtcNow.Date.AddDays(3), TimeSpan.FromDays(14), channel, categoryId);

    private async Task<string?> RefusalAsync(Campaign campaign, string text, CopySuggestionService? copy = null)
    {
        var written = await (copy ?? store.Copy).WriteAsync(campaign.Id, text, Tone.Urgent, Marketer);
        return written.Succeeded ? null : written.Message;
    }

    [Fact]
    public async Task Urgency_is_refused_on_a_two_week_campaign_and_accepted_on_one_that_ends_within_the_day_of_its_send()
    {
        var twoWeeks = await TwoWeekCampaignAsync();
        Assert.Equal("This copy says “tonight” but the campaign runs 14 days after the send.", await RefusalAsync(twoWeeks, "Ends tonight: 20% off"));
        Assert.Equal("This copy says “Only 48 hours” but the campaign runs 14 days after the send.", await RefusalAsync(twoWeeks, "Only 48 hours: 20% off"));
        Assert.Null(await RefusalAsync(twoWeeks, "20% off your favourites"));

        var oneDay = await CampaignAsync(DateTime.UtcNow.AddHours(1), TimeSpan.FromHours(20));
        Assert.Null(await RefusalAsync(oneDay, "Ends tonight: 20% off"));
        Assert.Null(await RefusalAsync(oneDay, "Only 48 hours: 20% off"));
    }

    [Fact]
    public async Task Free_shipping_on_a_percent_offer_is_accepted_only_from_the_stores_free_shipping_threshold()
    {
        var campaign = await TwoWeekCampaignAsync();
        Assert.Null(await RefusalAsync(campaign, "20% off, and free shipping on orders over €60"));
        Assert.Equal("This copy states free shipping (the store ships free only from 60), but the offer is 20% off.",
            await RefusalAsync(campaign, "20% off and free shipping"));
    }

    [Fact]
    public async Task A_store_promise_is_accepted_only_when_the_stores_policies_include_it()
    {
        var campaign = await TwoWeekCampaignAsync();
        Assert.Equal("This copy promises free returns, which is not one of the store's policies.", await RefusalAsync(campaign, "20% off. Free returns on every order."));
        var withReturns = new CopySuggestionService(store.Factory, store.Promises with { Policies = ["free returns"] });
        Assert.Null(await RefusalAsync(campaign, "20% off. Free returns on every order.", withReturns));
    }

    [Fact]
    public async Task An_offer_limited_to_one_category_refuses_sitewide_and_products_of_other_categories()
    {
        await using var db = store.Open();
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).Select(p => new { p.Name, p.CategoryId }).ToListAsync();
        var category = products.GroupBy(p => p.CategoryId).OrderByDescending(g => g.Count()).First().Key;
        var own = products.First(p => p.CategoryId == category).Name;
        var other = products.First(p => p.CategoryId != category && !products.Any(q => q.CategoryId == category && q.Name == p.Name)).Name;
        var categoryName = await db.Categories.Where(c => c.Id == category).Select(c => c.Name).SingleAsync();
        var limited = await TwoWeekCampaignAsync(categoryId: category);

        Assert.Equal($"This copy says sitewide but the offer is limited to {categoryName}.", await RefusalAsync(limited, "20% off sitewide"));
        Assert.Equal($"This copy names {other}, which is not in {categoryName}.", await RefusalAsync(limited, $"20% off the {other}"));
        Assert.Null(await RefusalAsync(limited, $"20% off the {own}"));
        Assert.Null(await RefusalAsync(await TwoWeekCampaignAsync(), $"20% off sitewide, {other} included"));
    }

    [Fact]
    public async Task The_customers_name_is_accepted_as_the_placeholder_on_a_push_never_raw_and_never_on_a_banner()
    {
        var push = await TwoWeekCampaignAsync();
        Assert.Null(await RefusalAsync(push, $"Hi {Slots.NamePlaceholder}, 20% off is waiting"));
        Assert.Equal("This copy shows the raw slot {name}.", await RefusalAsync(push, "Hi {name}, 20% off is waiting"));
        var banner = await TwoWeekCampaignAsync(Channel.OnsiteBanner);
        Assert.Equal("This copy addresses the customer by name, but a banner is the same for everyone.",
            await RefusalAsync(banner, $"Hi {Slots.NamePlaceholder}, 20% off is waiting"));
    }

    [Fact]
    public async Task The_terms_are_sent_at_the_start_of_a_future_campaign_or_now_and_name_the_products_outside_a_limited_category()
    {
        await using var db = store.Open();
        var now = DateTime.UtcNow;
        var future = await TwoWeekCampaignAsync();
        var terms = await CopySuggester.TermsAsync(db, future, null, store.Promises, now);
        Assert.Equal((future.StartsAt, future.EndsAt, TimeSpan.FromDays(14)), (terms.SendAt, terms.EndsAt, terms.Remaining));
        Assert.Empty(terms.OutsideProducts!);
        Assert.Equal(now.AddDays(5), (await CopySuggester.TermsAsync(db, future, null, store.Promises, now.AddDays(5))).SendAt);

        var category = await db.Products.AsNoTracking().Select(p => p.CategoryId).FirstAsync();
        var limited = await CopySuggester.TermsAsync(db, await TwoWeekCampaignAsync(categoryId: category), null, store.Promises, now);
        Assert.Equal(await db.Products.CountAsync(p => p.CategoryId != category), limited.OutsideProducts!.Count);
    }
}
