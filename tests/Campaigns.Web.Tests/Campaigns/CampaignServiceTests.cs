using Campaigns.Domain.Campaigns;
using Campaigns.Web.Features.Campaigns;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Campaigns;

public class CampaignServiceTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    private CampaignService Service => fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<CampaignService>();

    private static Campaign NewCampaign(string name) => new()
    {
        Name = name, CreatedBy = "", StartsAt = new DateTime(2027, 1, 1), EndsAt = new DateTime(2027, 1, 10), Budget = 900,
        Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 15, Channel = Channel.Push },
    };

    [Fact]
    public async Task An_invalid_campaign_is_not_stored_and_the_errors_name_their_fields()
    {
        var campaign = NewCampaign("Broken");
        campaign.EndsAt = campaign.StartsAt;
        var result = await Service.SaveAsync(campaign, "marketer@demo.local");
        Assert.False(result.Succeeded);
        Assert.Equal(nameof(Campaign.EndsAt), Assert.Single(result.Errors).Field);
        await using var db = fixture.App.OpenDatabase();
        Assert.False(await db.Campaigns.AnyAsync(c => c.Name == "Broken"));
    }

    [Fact]
    public async Task Creating_submitting_and_approving_are_each_audited()
    {
        var saved = await Service.SaveAsync(NewCampaign("Audited"), "marketer@demo.local");
        Assert.True(saved.Succeeded);
        var id = saved.Campaign!.Id;
        Assert.True((await Service.SubmitAsync(id, "marketer@demo.local")).Succeeded);
        Assert.True((await Service.ApproveAsync(id, "manager@demo.local", "fine")).Succeeded);

        var history = await Service.HistoryAsync(id);
        Assert.Equal(["campaign.approve", "campaign.submit", "campaign.create"], history.Select(h => h.Action));
        Assert.Equal(CampaignStatus.Approved, (await Service.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_newer_one_kept()
    {
        var id = (await Service.SaveAsync(NewCampaign("Contested"), "a@x")).Campaign!.Id;
        var mine = (await Service.GetAsync(id))!;
        var theirs = (await Service.GetAsync(id))!;
        theirs.Budget = 2000;
        Assert.True((await Service.SaveAsync(theirs, "b@x")).Succeeded);

        mine.Budget = 3000;
        var result = await Service.SaveAsync(mine, "a@x");
        Assert.False(result.Succeeded);
        Assert.Contains("Someone else saved this campaign", result.Message);
        Assert.Equal(2000, (await Service.GetAsync(id))!.Budget);
    }

    [Fact]
    public async Task A_campaign_under_review_cannot_be_edited()
    {
        var id = (await Service.SaveAsync(NewCampaign("Frozen"), "a@x")).Campaign!.Id;
        await Service.SubmitAsync(id, "a@x");
        var pending = (await Service.GetAsync(id))!;
        pending.Budget = 1;
        var result = await Service.SaveAsync(pending, "a@x");
        Assert.Equal("A campaign that is waiting for approval cannot be edited.", result.Message);
    }

    [Fact]
    public async Task Launching_an_approved_campaign_makes_it_live_with_a_holdout_experiment()
    {
        await using var db0 = fixture.App.OpenDatabase();
        var approved = await db0.Campaigns.AsNoTracking().FirstAsync(c => c.Name == "Winter Boots Free Shipping");
        Assert.Contains("holdout of 1% to 50%", (await Service.LaunchAsync(approved.Id, "manager@demo.local", 0.7)).Message);

        Assert.True((await Service.LaunchAsync(approved.Id, "manager@demo.local", 0.1)).Succeeded);

        await using var db = fixture.App.OpenDatabase();
        Assert.Equal(CampaignStatus.Live, (await db.Campaigns.SingleAsync(c => c.Id == approved.Id)).Status);
        var experiment = await db.Experiments.Include(e => e.Arms).SingleAsync(e => e.CampaignId == approved.Id);
        Assert.Equal(Domain.Experiments.ExperimentStatus.Running, experiment.Status);
        var holdout = Assert.Single(experiment.Arms, a => a.IsControl);
        Assert.Equal(0.1, holdout.Allocation, 10);
        Assert.Equal("This campaign already has an experiment.", (await Service.LaunchAsync(approved.Id, "manager@demo.local", 0.1)).Message);
        Assert.Equal(experiment.Id, await Service.ExperimentOfAsync(approved.Id));
    }
}
