using System.Diagnostics;
using Campaigns.Application.Audiences;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench audience`: seeds (once) a demo store of N customers, trains a targeting model if there is none,
/// then times building a budgeted audience over every customer (stream from the database, score in batches,
/// allocate) and saving its members, as the audience builder does.
/// </summary>
internal static class AudienceBenchmark
{
    private const string CampaignName = "Benchmark: audience over every customer";

    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        await using var db = await SeededAsync(options, openDatabase);
        if (await new ModelStore(db).CurrentAsync(ModelKind.UpliftTargeting) is null)
        {
            var learner = Enum.Parse<UpliftLearner>(options.Value("learner") ?? "Auto", ignoreCase: true);
            var clock = Stopwatch.StartNew();
            var report = await new UpliftTrainingService(db, new TrainingSetBuilder(db)).TrainAsync(new TrainingRequest(learner), "benchmark", null);
            Console.WriteLine($"Trained v{report.Version} ({report.Learner}) in {clock.Elapsed.TotalSeconds:0.0} s: {report.Decision}");
        }
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Name == CampaignName);
        if (campaign is null)
        {
            campaign = new Campaign
            {
                Name = CampaignName, CreatedBy = "benchmark", Budget = 50_000,
                Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 15, Channel = Channel.Push },
                StartsAt = DateTime.UtcNow.AddDays(7), EndsAt = DateTime.UtcNow.AddDays(21),
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
        }
        var builder = new AudienceBuilder(db, new ModelStore(db), Microsoft.Extensions.Options.Options.Create(new TargetingOptions()));
        var request = new AudienceRequest(campaign.Id, new AudienceRules(), AudienceSelection.Budget, Budget: campaign.Budget);
        for (var run = 1; run <= options.Int("runs", 3); run++)
        {
            var clock = Stopwatch.StartNew();
            var plan = (await builder.PlanAsync(request)).Value ?? throw new InvalidOperationException("The benchmark's audience was refused.");
            var planned = clock.Elapsed;
            var saved = (await builder.SaveAsync(plan, "benchmark")).Value!;
            Console.WriteLine($"Run {run}: read, scored and allocated {plan.Eligible:N0} customers in {planned.TotalSeconds:0.00} s (model {plan.Scoring.TotalSeconds:0.00} s); " +
                $"saved {saved.Targeted:N0} members in {(clock.Elapsed - planned).TotalSeconds:0.00} s; " +
                $"expected profit {plan.Allocation?.Profit:N0}, put off {plan.Allocation?.PutOff:N0}");
        }
        return 0;
    }

    /// <summary>The database of the options, with a demo store of --customers (default 1,000,000) seeded and rolled up once.</summary>
    internal static async Task<CampaignsDbContext> SeededAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var db = openDatabase(options);
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.MigrateAsync(migrateServer: true);
        if (!await db.Customers.AnyAsync())
        {
            var seeded = await new DemoStoreSeeder(db).SeedAsync(options.Int("customers", 1_000_000));
            Console.WriteLine($"Seeded {seeded.Customers:N0} customers, {seeded.Orders:N0} orders in {seeded.Elapsed.TotalSeconds:0} s");
            await new ExperimentRollup(new ContextFactory(() => openDatabase(options))).CatchUpAsync();
        }
        return db;
    }
}
