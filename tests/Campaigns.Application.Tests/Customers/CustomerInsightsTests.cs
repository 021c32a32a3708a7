using Campaigns.Application.Audiences;
using Campaigns.Application.Customers;
using Campaigns.Application.Integration;
using Campaigns.Application.Models;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Tests.Customers;

public sealed class CustomerInsightsTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static CustomerInsightsTrainingService Trainer(Data.CampaignsDbContext db) =>
        new(db, new ModelStore(db), new CustomerScoring(db, new ModelStore(db)), Options.Create(new CustomerInsightsOptions()));

    [Fact]
    public async Task A_trained_version_is_judged_on_a_backtest_becomes_current_and_scores_every_customer_with_orders()
    {
        await using var db = demo.Open();
        var kind = ModelKinds.Get(ModelKind.CustomerInsights);
        Assert.True(await kind.HasTrainingDataAsync(db, default));

        var stages = new List<(string Stage, double Fraction)>();
        var stored = await Trainer(db).TrainAsync(ModelKind.CustomerInsights,
            new TrainingRun("tests") { Progress = new SyncProgress<(string, double)>(stages.Add) }, default);

        Assert.True(stored.Promoted, stored.Decision);
        // The rescore inside the run reports its own stages within the run's last tenth, never going back.
        var rescore = stages.SkipWhile(s => s.Stage != "Scoring every customer").ToList();
        Assert.Contains(rescore, s => s.Stage.StartsWith("Scoring every customer: Predicting churn, purchase and value for ", StringComparison.Ordinal));
        Assert.Contains(rescore, s => s.Stage.StartsWith("Scoring every customer: Storing the predictions (", StringComparison.Ordinal));
        Assert.All(rescore, s => Assert.InRange(s.Fraction, 0.9, 1));
        Assert.All(rescore.Zip(rescore.Skip(1)), pair => Assert.True(pair.Second.Fraction >= pair.First.Fraction, $"{pair.First} then {pair.Second}"));
        var row = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == stored.VersionId);
        kind.Verify(row.Artifact);
        var metrics = CustomerInsightsMetrics.FromJson(row.MetricsJson)!;
        Assert.Equal(row.MainMetric!.Value, metrics.Backtest.Churn.Auc, 9);
        Assert.True(metrics.Backtest.Churn.Auc >= metrics.Backtest.ChurnByRecency.Auc - 0.01, $"churn AUC {metrics.Backtest.Churn.Auc} vs recency {metrics.Backtest.ChurnByRecency.Auc}");
        // The backtest's horizon is covered by stored orders in full: 90 days of outcomes after its cut-off.
        Assert.True(metrics.Backtest.CoveredDays >= 90, $"{metrics.Backtest.CoveredDays} days");

        var withOrders = await db.Customers.CountAsync(c => db.Orders.Any(o => o.CustomerId == c.Id));
        var scores = await db.CustomerScores.AsNoTracking().ToListAsync();
        Assert.Equal(withOrders, scores.Count);
        Assert.All(scores, s =>
        {
            Assert.InRange(s.ChurnRisk, 0, 1);
            Assert.InRange(s.PurchaseProbability, 0, 1);
            Assert.InRange(s.ValuePercentile, 0, 1);
            Assert.True(s.PredictedValue >= 0);
            Assert.False(string.IsNullOrWhiteSpace(s.Persona));
            Assert.Equal(stored.VersionId, s.ModelVersionId);
            // Product affinity: three distinct categories and up to three products for everyone.
            Assert.Equal(3, s.TopCategoryIds.Distinct().Count());
            Assert.InRange(s.TopProducts.Count(), 1, CustomerScore.TopProductsStored);
        });
        var categories = await db.Categories.Select(c => c.Id).ToListAsync();
        Assert.All(scores.SelectMany(s => s.TopCategoryIds), id => Assert.Contains(id, categories));
        // The demo's customers favour a home category: the affinity model learns it, and beats popularity on the backtest.
        var affinity = metrics.Backtest.Affinity!;
        Assert.True(metrics.Backtest.AffinityChoice!.Factorization, metrics.Backtest.AffinityChoice.Reason);
        Assert.True(affinity.Products.Precision > metrics.Backtest.AffinityByPopularity!.Products.Precision,
            $"precision@10 {affinity.Products.Precision:0.000} vs popularity {metrics.Backtest.AffinityByPopularity.Products.Precision:0.000}");
        Assert.True(affinity.Categories.HitRate > metrics.Backtest.AffinityByPopularity.Categories.HitRate);
        // Those who bought recently and often are less at risk than those who have not bought for a year.
        var recent = await db.Customers.Where(c => c.Score != null && c.Behaviour.OrderCount >= 5 && c.Behaviour.LastOrderAt >= DemoDatabase.AsOf.AddDays(-30)).AverageAsync(c => c.Score!.ChurnRisk);
        var lapsed = await db.Customers.Where(c => c.Score != null && c.Behaviour.LastOrderAt < DemoDatabase.AsOf.AddDays(-365)).AverageAsync(c => c.Score!.ChurnRisk);
        Assert.True(recent < lapsed, $"recent buyers' churn risk {recent:0.00}, lapsed {lapsed:0.00}");

        // The scoring's summary (what the dashboard compares month to month) counts what was stored.
        var snapshot = await db.CustomerScoreSnapshots.AsNoTracking().OrderByDescending(x => x.TakenAt).FirstAsync();
        Assert.Equal((scores.Count(x => x.ChurnRisk >= 0.6), scores.Count(x => x.ChurnRisk is >= 0.3 and < 0.6), scores.Count(x => x.ChurnRisk < 0.3)),
            (snapshot.HighRisk, snapshot.MediumRisk, snapshot.LowRisk));
        var outlook = Dashboard.CustomerOutlook.Of(snapshot, null);
        Assert.Equal(scores.Count, outlook.Personas.Sum(p => p.Customers));
        Assert.Equal(scores.GroupBy(x => x.Persona).MaxBy(g => g.Count())!.Key, outlook.Personas[0].Name);

        // Rescoring replaces every row (no duplicates, the same customers).
        var summary = await new CustomerScoring(db, new ModelStore(db)).ScoreCurrentAsync(null, default);
        Assert.StartsWith($"Scored {withOrders:N0} customers", summary);
        Assert.Equal(withOrders, await db.CustomerScores.CountAsync());
        // The replacement switched SQLite's foreign key checks off to truncate; the context's connection has them back.
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync();
        Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("PRAGMA foreign_keys").ToAsyncEnumerable().SingleAsync());
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task Audience_rules_over_the_predictions_select_exactly_the_customers_whose_scores_meet_them()
    {
        await using var db = demo.Open();
        if (!await db.CustomerScores.AnyAsync()) await Trainer(db).TrainAsync(ModelKind.CustomerInsights, new TrainingRun("tests"), default);
        var promotion = new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Push };
        var persona = await db.CustomerScores.GroupBy(s => s.Persona).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();

        var atRisk = await db.Customers.Eligible(new AudienceRules { MinChurnRisk = 0.6 }, promotion, DateTime.UtcNow).Select(c => c.Id).ToListAsync();
        Assert.Equal(await db.CustomerScores.CountAsync(s => s.ChurnRisk >= 0.6), atRisk.Count);
        Assert.NotEmpty(atRisk);

        var top = await db.Customers.Eligible(new AudienceRules { TopValuePercent = 20 }, promotion, DateTime.UtcNow).Select(c => c.Score!.PredictedValue).ToListAsync();
        var scored = await db.CustomerScores.CountAsync();
        Assert.InRange(top.Count, (int)(scored * 0.19), (int)(scored * 0.21) + 1);
        var rest = await db.CustomerScores.Where(s => s.ValuePercentile < 0.8).MaxAsync(s => s.PredictedValue);
        Assert.True(top.Min() >= rest, "the top fifth by predicted value is worth at least everyone outside it");

        var inPersona = await db.Customers.Eligible(new AudienceRules { Personas = [persona], MinPurchaseProbability = 0.2 }, promotion, DateTime.UtcNow).CountAsync();
        Assert.Equal(await db.CustomerScores.CountAsync(s => s.Persona == persona && s.PurchaseProbability >= 0.2), inPersona);

        // "Likely to buy garden": garden among the customer's top three categories, and no one else.
        var garden = await db.Categories.Where(c => c.Name == "Garden").Select(c => new LikelyCategory(c.Id, c.Name)).SingleAsync();
        var likely = await db.Customers.Eligible(new AudienceRules { LikelyToBuy = [garden] }, promotion, DateTime.UtcNow).Select(c => c.Id).ToListAsync();
        var expected = await db.CustomerScores.Where(s => s.TopCategory1Id == garden.Id || s.TopCategory2Id == garden.Id || s.TopCategory3Id == garden.Id)
            .Select(s => s.CustomerId).ToListAsync();
        Assert.NotEmpty(likely);
        Assert.Equal(expected.Order(), likely.Order());
        Assert.Equal("likely to buy Garden", new AudienceRules { LikelyToBuy = [garden] }.Describe());

        Assert.Contains("Churn risk is between 0% and 100%.", new AudienceRules { MinChurnRisk = 1.5 }.Validate());
        Assert.Equal("churn risk ≥ 0.6; top 20% by predicted value; persona " + persona, new AudienceRules { MinChurnRisk = 0.6, TopValuePercent = 20, Personas = [persona] }.Describe());
    }

    [Fact]
    public async Task The_audience_export_carries_each_members_latest_predictions()
    {
        await using var db = demo.Open();
        if (!await db.CustomerScores.AnyAsync()) await Trainer(db).TrainAsync(ModelKind.CustomerInsights, new TrainingRun("tests"), default);
        var campaign = await db.Campaigns.Where(c => !db.Audiences.Any(a => a.CampaignId == c.Id)).Select(c => c.Id).FirstAsync();
        var scored = await db.CustomerScores.OrderByDescending(s => s.ChurnRisk).FirstAsync();
        var unscored = await db.Customers.Where(c => c.Score == null).Select(c => c.Id).FirstAsync();
        var audience = new Audience { CampaignId = campaign, CreatedBy = "tests" };
        db.Audiences.Add(audience);
        db.AudienceMembers.AddRange(
            new AudienceMember { AudienceId = audience.Id, CustomerId = scored.CustomerId, Cell = AudienceCell.Targeted, Rank = 1 },
            new AudienceMember { AudienceId = audience.Id, CustomerId = unscored, Cell = AudienceCell.Targeted, Rank = 2 });
        await db.SaveChangesAsync();

        var rows = await new SavedAudiences(demo.Factory).MembersAsync(audience.Id).ToListAsync();

        Assert.Equal((scored.ChurnRisk, scored.PurchaseProbability, scored.PredictedValue, scored.Persona),
            (rows[0].ChurnRisk!.Value, rows[0].PurchaseProbability!.Value, rows[0].PredictedValue!.Value, rows[0].Persona));
        Assert.Equal((null, null, null, null), (rows[1].ChurnRisk, rows[1].PurchaseProbability, rows[1].PredictedValue, rows[1].Persona));
        var categoryNames = await db.Categories.ToDictionaryAsync(c => c.Id, c => c.Name);
        Assert.Equal(scored.TopCategoryIds.Select(id => categoryNames[id]), rows[0].TopCategories!);
        Assert.Equal(3, rows[0].TopCategories!.Count);
        Assert.Empty(rows[1].TopCategories!);
        // The sender's merge value for "[Recommended product]": the customer's first top product, else the store's best seller.
        var productNames = await db.Products.ToDictionaryAsync(p => p.Id, p => p.Name);
        Assert.Equal(productNames[scored.TopProducts.First()], rows[0].RecommendedProduct);
        var units = await db.OrderLines.GroupBy(l => l.ProductId).Select(g => new { g.Key, Units = g.Sum(l => l.Quantity) }).ToListAsync();
        Assert.Contains(units.Where(u => u.Units == units.Max(m => m.Units)), u => productNames[u.Key] == rows[1].RecommendedProduct);
        db.AudienceMembers.RemoveRange(db.AudienceMembers.Where(m => m.AudienceId == audience.Id));
        db.Audiences.Remove(audience);
        await db.SaveChangesAsync();
    }

    [Fact]
    public void The_outlook_compares_each_band_and_persona_with_the_scoring_a_month_before()
    {
        var before = new CustomerScoreSnapshot { TakenAt = new DateTime(2026, 10, 1), Customers = 100, HighRisk = 10, MediumRisk = 30, LowRisk = 60, PersonasJson = """{"loyal shoppers":70,"lapsed deal seekers":30}""" };
        var latest = new CustomerScoreSnapshot { TakenAt = new DateTime(2026, 11, 1), Customers = 110, HighRisk = 25, MediumRisk = 30, LowRisk = 55, PersonasJson = """{"loyal shoppers":60,"lapsed deal seekers":45,"new customers":5}""" };

        var o = Dashboard.CustomerOutlook.Of(latest, before);

        Assert.Equal(new DateTime(2026, 10, 1), o.ComparedWith);
        Assert.Equal([("High churn risk", 25, (int?)15), ("Medium churn risk", 30, 0), ("Low churn risk", 55, -5)], o.Bands.Select(b => (b.Name, b.Customers, b.Change)));
        Assert.Equal([("loyal shoppers", 60, (int?)-10), ("lapsed deal seekers", 45, 15), ("new customers", 5, 5)], o.Personas.Select(b => (b.Name, b.Customers, b.Change)));
        Assert.All(Dashboard.CustomerOutlook.Of(latest, null).Bands, b => Assert.Null(b.Change));
    }

    [Fact]
    public async Task The_assignment_api_answers_with_the_customers_latest_predictions_and_none_before_scoring()
    {
        await using var db = demo.Open();
        if (!await db.CustomerScores.AnyAsync()) await Trainer(db).TrainAsync(ModelKind.CustomerInsights, new TrainingRun("tests"), default);
        // Customers already in a live campaign's experiment: assignment answers with their stored arm, whatever the audience.
        var assigned = await (from a in db.Assignments
                              join e in db.Experiments on a.ExperimentId equals e.Id
                              join c in db.Campaigns on e.CampaignId equals c.Id
                              join x in db.Customers on a.CustomerId equals x.Id
                              where c.Status == CampaignStatus.Live && (c.Promotion.Channel != Channel.Email || x.EmailOptIn)
                              select new { CampaignId = c.Id, x.ExternalId, Scored = x.Score != null }).ToListAsync();
        var scored = assigned.First(a => a.Scored);
        var score = await db.CustomerScores.SingleAsync(s => s.CustomerId == db.Customers.Single(c => c.ExternalId == scored.ExternalId).Id);
        var assignments = new AssignmentService(demo.Factory, new Application.Common.Formatting.MoneyFormat("EUR"), new BestSellerCache());

        var answer = (await assignments.AssignAsync(new AssignmentRequest(scored.CampaignId, scored.ExternalId), default)).Value!;

        Assert.Equal((score.ChurnRisk, score.PurchaseProbability, score.PredictedValue, score.Persona),
            (answer.Customer!.ChurnRisk, answer.Customer.PurchaseProbability, answer.Customer.PredictedValue12m, answer.Customer.Persona));
        Assert.Equal(DateTimeKind.Utc, answer.Customer.ScoredAt.Kind);
        var names = await db.Categories.ToDictionaryAsync(c => c.Id, c => c.Name);
        Assert.Equal(score.TopCategoryIds.Select(id => names[id]), answer.Customer.TopCategories!);
        var recommended = score.TopProducts.First();
        Assert.Equal(await db.Products.Where(p => p.Id == recommended).Select(p => p.Name).SingleAsync(), answer.Customer.RecommendedProduct);
        Assert.Equal(answer.Customer.RecommendedProduct, answer.RecommendedProduct);
    }

    [Fact]
    public async Task The_assignment_api_recommends_the_best_seller_to_a_customer_not_scored_yet_and_answers_no_predictions()
    {
        await using var db = demo.Open();
        if (!await db.CustomerScores.AnyAsync()) await Trainer(db).TrainAsync(ModelKind.CustomerInsights, new TrainingRun("tests"), default);
        var assigned = await (from a in db.Assignments
                              join e in db.Experiments on a.ExperimentId equals e.Id
                              join c in db.Campaigns on e.CampaignId equals c.Id
                              join x in db.Customers on a.CustomerId equals x.Id
                              where c.Status == CampaignStatus.Live && (c.Promotion.Channel != Channel.Email || x.EmailOptIn) && x.Score != null
                              select new { CampaignId = c.Id, CustomerId = x.Id, x.ExternalId }).FirstAsync();
        // Not scored yet, as a customer without orders is.
        var score = await db.CustomerScores.AsNoTracking().SingleAsync(s => s.CustomerId == assigned.CustomerId);
        await db.CustomerScores.Where(s => s.CustomerId == assigned.CustomerId).ExecuteDeleteAsync();
        try
        {
            var answer = (await new AssignmentService(demo.Factory, new Application.Common.Formatting.MoneyFormat("EUR"), new BestSellerCache())
                .AssignAsync(new AssignmentRequest(assigned.CampaignId, assigned.ExternalId), default)).Value!;

            Assert.Null(answer.Customer);
            var units = await db.OrderLines.GroupBy(l => l.ProductId).Select(g => new { g.Key, Units = g.Sum(l => l.Quantity) }).ToListAsync();
            var names = await db.Products.ToDictionaryAsync(p => p.Id, p => p.Name);
            Assert.Contains(units.Where(u => u.Units == units.Max(m => m.Units)), u => names[u.Key] == answer.RecommendedProduct);
        }
        finally
        {
            db.CustomerScores.Add(score);
            await db.SaveChangesAsync();
        }
    }
}
