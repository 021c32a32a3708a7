using Campaigns.Application.Common.Caching;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Experiments;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;

namespace Campaigns.Application.Tests.Experiments;

/// <summary>The demo store with the experiments' services over it, as the web app and the command line build them.</summary>
public sealed class ResultsDatabase : DemoDatabase
{
    private readonly StampedCacheMap<(Guid, ResultsOptions), ExperimentResultsView> _views = new();

    /// <summary>A reader of results as a request gets one: its own instance over the process's one cache of views.</summary>
    public ExperimentStatistics Statistics() => new(Factory, new RollupCatchUp(Factory), new MoneyFormat("EUR"), _views);

    public ExperimentResults Results() => new(Factory, Statistics());

    public ExperimentDecisions Decisions() => new(Factory, new ExperimentRollup(Factory));

    /// <summary>A planned experiment of a new draft campaign: two arms, no customer exposed.</summary>
    public async Task<Experiment> ExperimentWithoutTrafficAsync()
    {
        await using var db = Open();
        var campaign = new Campaign
        {
            Name = $"Test {Guid.NewGuid():N}"[..25], CreatedBy = "tests", Budget = 1000, StartsAt = AsOf.AddDays(3), EndsAt = AsOf.AddDays(13),
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push },
        };
        var experiment = new Experiment { CampaignId = campaign.Id, Name = campaign.Name, Status = ExperimentStatus.Planned };
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Control", Position = 0, Allocation = 0.5, IsControl = true });
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Offer", Position = 1, Allocation = 0.5 });
        db.Campaigns.Add(campaign);
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        return experiment;
    }
}
