using System.Text.Json;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Models;
using Campaigns.Application.Offers;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Tests.Offers;

/// <summary>The demo store with a current offer model trained on it (a T-learner: quick).</summary>
public sealed class OfferDemoDatabase : DemoDatabase
{
    public StoredVersion Trained { get; private set; } = null!;

    public static readonly MoneyFormat Money = new("EUR");

    /// <summary>The plan service, on the system clock unless a test freezes it to compare two plans of one moment.</summary>
    public OfferPlanService Plans(CampaignsDbContext db, TimeProvider? time = null) =>
        new(db, new ModelStore(db), Money, Options.Create(new TargetingOptions()), time ?? TimeProvider.System);

    protected override async Task SeededAsync()
    {
        await using var db = Open();
        var run = new TrainingRun("tests") { ParametersJson = JsonSerializer.Serialize(new OfferTrainingParameters { Learner = UpliftLearner.T }, JsonSerializerOptions.Web) };
        Trained = await new OfferTrainingService(db, TrainingSets(db), Options.Create(new TargetingOptions())).TrainAsync(ModelKind.OfferTargeting, run, default);
        // A small store's plan may not beat sending nothing on held-out customers, and such a version stays a candidate;
        // these tests are about planning with whatever version is current, so make it current as an Admin could.
        var version = await db.ModelVersions.SingleAsync(v => v.Id == Trained.VersionId);
        version.MakeCurrent([], DateTime.UtcNow);
        await db.SaveChangesAsync();
    }
}
