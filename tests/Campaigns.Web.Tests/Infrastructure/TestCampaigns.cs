using Campaigns.Domain.Campaigns;
using Campaigns.Web.Features.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Infrastructure;

public static class TestCampaigns
{
    /// <summary>A new draft percent-off campaign starting in three days, saved through the app's own service as <paramref name="user"/>.</summary>
    public static async Task<Campaign> DraftCampaignAsync(this AppFactory app, string user, Channel channel = Channel.Push, decimal percentOff = 20)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var start = DateTime.UtcNow.Date.AddDays(3);
        var result = await scope.ServiceProvider.GetRequiredService<CampaignService>().SaveAsync(new Campaign
        {
            Name = $"Test {Guid.NewGuid():N}"[..25], CreatedBy = "", StartsAt = start, EndsAt = start.AddDays(10), Budget = 1000,
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = percentOff, Channel = channel },
        }, user);
        Assert.True(result.Succeeded, result.Message);
        return result.Campaign!;
    }
}
