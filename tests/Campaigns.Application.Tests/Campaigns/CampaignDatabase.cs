using Campaigns.Application.Campaigns;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Campaigns;

/// <summary>A small demo store (its campaigns matter here, not its customers) with the campaign and copy services over it.</summary>
public class CampaignDatabase : DemoDatabase
{
    protected override int Customers => 300;

    /// <summary>What the store promises on every order, as the app's default settings say: free shipping from 60, no policies.</summary>
    public StorePromises Promises { get; } = CopySuggester.Promises(new TargetingOptions(), new StoreOptions());

    public CampaignService Campaigns => new(Factory, new MoneyFormat("EUR"), Promises);

    public CopySuggestionService Copy => new(Factory, Promises);

    public BannedPhraseAdmin BannedPhrases => new(Factory);

    /// <summary>A new draft percent-off campaign starting in three days, saved through the service as <paramref name="user"/>.</summary>
    /// <param name="oneCategory">Limit the offer to the catalogue's first category (by name); else it covers the whole catalogue.</param>
    public async Task<Campaign> DraftCampaignAsync(string user, Channel channel = Channel.Push, decimal percentOff = 20, bool oneCategory = false)
    {
        Guid? category = null;
        if (oneCategory)
        {
            await using var db = Open();
            category = await db.Categories.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        }
        var start = DateTime.UtcNow.Date.AddDays(3);
        var result = await Campaigns.SaveAsync(new Campaign
        {
            Name = $"Test {Guid.NewGuid():N}"[..25], CreatedBy = "", StartsAt = start, EndsAt = start.AddDays(10), Budget = 1000,
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = percentOff, Channel = channel, CategoryId = category },
        }, user);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }
}
