using Campaigns.Application.Campaigns;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
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
        return result.Value!;
    }

    /// <summary>A planned experiment of a new draft campaign, control and one treatment arm, that no customer has seen yet.</summary>
    public static async Task<Experiment> ExperimentWithoutTrafficAsync(this AppFactory app)
    {
        var campaign = await app.DraftCampaignAsync("marketer@demo.local");
        var experiment = new Experiment { CampaignId = campaign.Id, Name = campaign.Name, Status = ExperimentStatus.Planned };
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Control", Position = 0, Allocation = 0.5, IsControl = true });
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Offer", Position = 1, Allocation = 0.5 });
        await using var db = app.OpenDatabase();
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        return experiment;
    }
}
