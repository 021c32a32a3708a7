using Campaigns.Analytics;
using Campaigns.Application.Common.Caching;
using Campaigns.Application.Common.Formatting;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>
/// Reads an experiment's results from the rollup's cells (brought up to date first): sums by arm, segment and day,
/// from which per-arm metrics (analysed by <see cref="ExperimentAnalyzer"/>), segment breakdowns and cumulative
/// lift are all derived; only the customers above a revenue cap are read one by one. Nothing per event reaches .NET.
/// Under load many users read the same few experiments, so a view is computed once per experiment, options,
/// <see cref="StampAsync"/> and rollup watermark (which together move with anything the view is computed from) and
/// shared until they move; while events arrive, reads during a recomputation take the view one watermark old.
/// </summary>
public sealed class ExperimentStatistics(IDbContextFactory<CampaignsDbContext> dbFactory, RollupCatchUp rollup, MoneyFormat money,
    StampedCacheMap<(Guid Experiment, ResultsOptions Options), ExperimentResultsView> cache)
{
    private sealed record GroupSums(Guid ArmId, string Region, int Device, CustomerTenure Tenure, long Units, long Converters, long Orders, double Orders2,
        double Revenue, double Revenue2, double RevenueOrders, double Pre, double Pre2, double RevenuePre, double ConvertedPre);

    private sealed record ArmSums(Guid ArmId, long Units, long Converters, long Orders, double Orders2, double Revenue, double Revenue2, double RevenueOrders,
        double Pre, double Pre2, double RevenuePre, double ConvertedPre)
    {
        public static ArmSums Of(Guid arm, IEnumerable<GroupSums> groups)
        {
            var g = groups.ToList();
            return new ArmSums(arm, g.Sum(x => x.Units), g.Sum(x => x.Converters), g.Sum(x => x.Orders), g.Sum(x => x.Orders2), g.Sum(x => x.Revenue),
                g.Sum(x => x.Revenue2), g.Sum(x => x.RevenueOrders), g.Sum(x => x.Pre), g.Sum(x => x.Pre2), g.Sum(x => x.RevenuePre), g.Sum(x => x.ConvertedPre));
        }
    }

    private sealed record MarginSums(Guid ArmId, long Orders, double Margin, double Margin2, double Discount);

    public async Task<ExperimentResultsView?> LoadAsync(Guid experimentId, ResultsOptions options, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).SingleOrDefaultAsync(e => e.Id == experimentId, ct);
        if (experiment is null) return null;
        var caughtUp = await rollup.BeforeReadAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == experiment.CampaignId, ct);
        var stamp = await StampAsync(db, experiment, campaign, ct);
        var rolledUp = await ExperimentRollup.StampAsync(db, ct);
        // Behind a burst of events, a read finding the view being recomputed takes the one a watermark old.
        return await cache.GetAsync((experimentId, options), stamp, async token =>
        {
            var start = experiment.StartedAt ?? campaign.StartsAt;
            var arms = experiment.Arms.OrderBy(a => a.Position).ToList();
            var a = await AnalyzeAsync(db, experiment, options, token);
            var power = PowerProgress.Estimate(a.Figures, options.MinimumDetectableRelativeEffect, options.ConfidenceLevel, ((experiment.EndedAt ?? DateTime.UtcNow) - start).TotalDays);
            var daily = await DailyAsync(db, experimentId, start.Date, arms, options.ConfidenceLevel, token);
            var segments = Segments(a.Groups, arms, options);
            return new ExperimentResultsView(experiment.Id, campaign.Id, experiment.Name, campaign.Name, campaign.Promotion.Describe(money.Format), experiment.Status,
                experiment.StartedAt, experiment.EndedAt, experiment.Decision, experiment.DecisionComment, experiment.DecidedBy, experiment.DecidedAt,
                options, a.Cap, a.Report, a.Figures, a.Guardrails, power, daily, segments, a.Verdict, ResultsHeadline.Write(a.Verdict, a.Report, money));
        }, ct, lagging: rolledUp, mayLag: !caughtUp);
    }

    /// <summary>
    /// What lists show of an experiment: its arms, report and verdict, from the same (cached) view as the results page,
    /// so a list and the page it links to never differ.
    /// </summary>
    public async Task<ExperimentReading?> ReadAsync(Guid experimentId, ResultsOptions options, CancellationToken ct = default) =>
        await LoadAsync(experimentId, options, ct) is { } view ? new ExperimentReading(view.Report, view.Arms, view.Verdict, view.Headline) : null;

    /// <summary>
    /// Everything a results view is computed from, besides its options and the rollup (events, the cache's lagging part):
    /// the store (orders come only through imports), the experiment's row and arms (decisions, endings, a bandit's
    /// allocations), the campaign's row, and the hour (power is estimated against the days elapsed).
    /// </summary>
    private static async Task<string> StampAsync(CampaignsDbContext db, Experiment experiment, Domain.Campaigns.Campaign campaign, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var arms = string.Join(',', experiment.Arms.OrderBy(a => a.Position).Select(a => $"{a.Id}:{a.Allocation:R}"));
        return $"{await StoreStamp.ReadAsync(db, now, ct)}|{now:HH}|{campaign.ConcurrencyStamp}:{campaign.UpdatedAt:O}|" +
               $"{experiment.Name}|{experiment.Status}:{experiment.EndedAt:O}:{experiment.Decision}:{experiment.DecidedAt:O}:{experiment.DecisionComment}|{arms}";
    }

    private sealed record Analysis(ExperimentReport Report, Verdict Verdict, List<ArmFigures> Figures, IReadOnlyList<Guardrails> Guardrails, List<GroupSums> Groups, double? Cap);

    /// <summary>Per-arm metrics analysed by every engine (they are cheap on sums), so the verdict can say where engines disagree.</summary>
    private static async Task<Analysis> AnalyzeAsync(CampaignsDbContext db, Experiment experiment, ResultsOptions options, CancellationToken ct)
    {
        var cap = options.WinsorizePercentile is { } pct ? await RevenueCapAsync(db, experiment.Id, pct, ct) : null;
        var groups = await GroupSumsAsync(db, experiment.Id, cap, ct);
        var sums = groups.GroupBy(g => g.ArmId).Select(g => ArmSums.Of(g.Key, g)).ToList();
        var margins = await MarginSumsAsync(db, experiment.Id, experiment.CampaignId, ct);
        var arms = experiment.Arms.OrderBy(a => a.Position).ToList();
        var planned = PlannedShares(experiment, arms, sums);
        var hasMargins = margins.Count > 0;

        var metrics = ExperimentMetrics.Analysed(hasMargins);
        var inputs = arms.Select(a =>
        {
            var s = sums.FirstOrDefault(x => x.ArmId == a.Id) ?? new ArmSums(a.Id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            var m = margins.FirstOrDefault(x => x.ArmId == a.Id);
            var summaries = new Dictionary<string, MetricSummary>
            {
                [ExperimentMetrics.Conversion.Name] = MetricSummary.Proportion(s.Units, s.Converters).WithCovariate(s.Pre, s.Pre2, s.ConvertedPre),
                [ExperimentMetrics.RevenuePerCustomer.Name] = MetricSummary.Mean(s.Units, s.Revenue, s.Revenue2).WithCovariate(s.Pre, s.Pre2, s.RevenuePre),
                [ExperimentMetrics.OrderValue.Name] = MetricSummary.Ratio(s.Units, s.Revenue, s.Orders, s.Revenue2, s.Orders2, s.RevenueOrders),
            };
            if (hasMargins) summaries[ExperimentMetrics.MarginPerCustomer.Name] = MetricSummary.Mean(s.Units, m?.Margin ?? 0, m?.Margin2 ?? 0);
            return new ArmInput(a.Name, a.IsControl, planned[a.Id], s.Units, summaries);
        }).ToList();

        var reports = Enum.GetValues<AnalysisEngine>().ToDictionary(e => e, e => ExperimentAnalyzer.Analyze(metrics, inputs, new AnalysisOptions
        {
            Engine = e, Correction = options.Correction, UseCuped = options.UseCuped, ConfidenceLevel = options.ConfidenceLevel,
            SequentialExpectedSampleSize = Math.Max(1000, inputs.Sum(i => i.Exposed)),
        }));
        var report = reports[options.Engine];
        var verdict = VerdictRule.Decide(reports, options.Engine, ExperimentMetrics.Primary, ExperimentMetrics.Guardrails(hasMargins));

        var figures = arms.Select(a =>
        {
            var s = sums.FirstOrDefault(x => x.ArmId == a.Id);
            var m = margins.FirstOrDefault(x => x.ArmId == a.Id);
            return new ArmFigures(a.Name, a.IsControl, planned[a.Id], s?.Units ?? 0, s?.Converters ?? 0, s?.Orders ?? 0, s?.Revenue ?? 0,
                hasMargins ? m?.Margin ?? 0 : null, hasMargins ? m?.Discount ?? 0 : null);
        }).ToList();
        return new Analysis(report, verdict, figures, GuardrailCheck.For(figures, report, hasMargins), groups, cap);
    }

    /// <summary>
    /// Each arm's planned share of the traffic: its allocation, except in a Thompson-sampled test, whose treated arms'
    /// shares moved over time: there the holdout keeps its share and the treated arms split the rest as they were
    /// exposed, so the sample-ratio check tests the one split that was fixed (holdout against treated).
    /// </summary>
    private static Dictionary<Guid, double> PlannedShares(Experiment experiment, List<Arm> arms, List<ArmSums> sums)
    {
        var total = arms.Sum(a => a.Allocation);
        var shares = arms.ToDictionary(a => a.Id, a => total == 0 ? 0 : a.Allocation / total);
        if (experiment.Traffic != TrafficAllocation.Thompson) return shares;
        var treated = arms.Where(a => !a.IsControl).ToList();
        var treatedShare = treated.Sum(a => shares[a.Id]);
        var units = treated.ToDictionary(a => a.Id, a => sums.FirstOrDefault(s => s.ArmId == a.Id)?.Units ?? 0);
        var exposed = units.Values.Sum();
        foreach (var a in treated) shares[a.Id] = treatedShare * (exposed == 0 ? 1.0 / treated.Count : (double)units[a.Id] / exposed);
        return shares;
    }

    /// <summary>The revenue a converter's total is capped at: the given percentile of converters' revenue, read from the top.</summary>
    private static async Task<double?> RevenueCapAsync(CampaignsDbContext db, Guid experimentId, double percentile, CancellationToken ct)
    {
        var count = await db.ExperimentCells.Where(c => c.ExperimentId == experimentId).SumAsync(c => c.Converters, ct);
        if (count < 20) return null;
        var index = Math.Min(count - 1, (long)Math.Ceiling(percentile * count) - 1);
        return await db.ExperimentCustomers.Where(c => c.ExperimentId == experimentId && c.Exposures > 0 && c.Conversions > 0)
            .OrderByDescending(c => c.Revenue).Skip((int)(count - 1 - index)).Select(c => c.Revenue).FirstAsync(ct);
    }

    /// <summary>
    /// Sums by arm and segment from the cells; with a cap, the few customers above it are read and their excess taken
    /// off (Σmin(x, c) = Σx − Σ₍ₓ₎₍>c₎(x − c), and likewise for the squares and cross products).
    /// </summary>
    private static async Task<List<GroupSums>> GroupSumsAsync(CampaignsDbContext db, Guid experimentId, double? cap, CancellationToken ct)
    {
        var cells = await db.ExperimentCells.Where(c => c.ExperimentId == experimentId)
            .GroupBy(c => new { c.ArmId, c.Region, c.Device, c.Tenure })
            .Select(g => new GroupSums(g.Key.ArmId, g.Key.Region, (int)g.Key.Device, g.Key.Tenure, g.Sum(c => c.Units), g.Sum(c => c.Converters),
                g.Sum(c => c.Orders), g.Sum(c => c.Orders2), g.Sum(c => c.Revenue), g.Sum(c => c.Revenue2), g.Sum(c => c.RevenueOrders),
                g.Sum(c => c.Pre), g.Sum(c => c.Pre2), g.Sum(c => c.RevenuePre), g.Sum(c => c.ConvertedPre)))
            .ToListAsync(ct);
        if (cap is not { } c0) return cells;
        var excess = await db.ExperimentCustomers.Where(c => c.ExperimentId == experimentId && c.Exposures > 0 && c.Revenue > c0)
            .GroupBy(c => new { c.ArmId, c.Region, c.Device, c.Tenure })
            .Select(g => new
            {
                g.Key.ArmId, g.Key.Region, g.Key.Device, g.Key.Tenure,
                X = g.Sum(c => c.Revenue - c0), X2 = g.Sum(c => c.Revenue * c.Revenue - c0 * c0),
                XY = g.Sum(c => (c.Revenue - c0) * c.Conversions), XPre = g.Sum(c => (c.Revenue - c0) * c.PreSpend),
            }).ToListAsync(ct);
        return cells.Select(g => excess.FirstOrDefault(e => e.ArmId == g.ArmId && e.Region == g.Region && (int)e.Device == g.Device && e.Tenure == g.Tenure) is { } e
            ? g with { Revenue = g.Revenue - e.X, Revenue2 = g.Revenue2 - e.X2, RevenueOrders = g.RevenueOrders - e.XY, RevenuePre = g.RevenuePre - e.XPre }
            : g).ToList();
    }

    private static Task<List<MarginSums>> MarginSumsAsync(CampaignsDbContext db, Guid experimentId, Guid campaignId, CancellationToken ct) =>
        // Orders attributed to the campaign, per assigned customer: margin = price paid − discount − product cost. Quoted
        // names: PostgreSQL folds unquoted ones to lower case.
        db.Database.SqlQuery<MarginSums>($"""
            SELECT m."ArmId" AS "ArmId", CAST(SUM(m."Orders") AS BIGINT) AS "Orders", CAST(SUM(m."Margin") AS FLOAT) AS "Margin",
                   CAST(SUM(m."Margin" * m."Margin") AS FLOAT) AS "Margin2", CAST(SUM(m."Discount") AS FLOAT) AS "Discount"
            FROM (
                SELECT a."ArmId" AS "ArmId", a."CustomerId" AS "CustomerId", COUNT(DISTINCT o."Id") AS "Orders",
                       CAST(SUM(l."UnitPrice" * l."Quantity" - l."Discount" - pr."Cost" * l."Quantity") AS FLOAT) AS "Margin",
                       CAST(SUM(l."Discount") AS FLOAT) AS "Discount"
                FROM "Orders" o
                JOIN "Assignments" a ON a."CustomerId" = o."CustomerId" AND a."ExperimentId" = {experimentId}
                JOIN "OrderLines" l ON l."OrderId" = o."Id"
                JOIN "Products" pr ON pr."Id" = l."ProductId"
                WHERE o."CampaignId" = {campaignId}
                GROUP BY a."ArmId", a."CustomerId"
            ) m
            GROUP BY m."ArmId"
            """).ToListAsync(ct);

    /// <summary>Cumulative conversion lift of each arm over control, day by day (customers counted on the day of their first exposure and conversion).</summary>
    private static async Task<List<DailyLift>> DailyAsync(CampaignsDbContext db, Guid experimentId, DateTime start, List<Arm> arms, double confidence, CancellationToken ct)
    {
        var cells = await db.ExperimentCells.Where(c => c.ExperimentId == experimentId)
            .GroupBy(c => new { c.ArmId, c.ExposedDay, c.ConvertedDay }).Select(g => new { g.Key.ArmId, g.Key.ExposedDay, g.Key.ConvertedDay, Count = g.Sum(c => c.Units) })
            .ToListAsync(ct);
        var exposed = cells.Select(c => (c.ArmId, Day: start.AddDays(c.ExposedDay), c.Count)).ToList();
        var converted = cells.Where(c => c.ConvertedDay >= 0).Select(c => (c.ArmId, Day: start.AddDays(c.ConvertedDay), c.Count)).ToList();
        var control = arms.FirstOrDefault(a => a.IsControl);
        if (control is null || exposed.Count == 0) return [];
        var days = exposed.Select(r => r.Day).Concat(converted.Select(r => r.Day)).Distinct().Order().ToList();
        long Exposed(Guid arm, DateTime day) => exposed.Where(r => r.ArmId == arm && r.Day <= day).Sum(r => r.Count);
        long Converted(Guid arm, DateTime day) => converted.Where(r => r.ArmId == arm && r.Day <= day).Sum(r => r.Count);
        var list = new List<DailyLift>();
        foreach (var day in days)
        {
            var (c0, n0) = (Converted(control.Id, day), Exposed(control.Id, day));
            foreach (var arm in arms.Where(a => !a.IsControl))
            {
                var (c1, n1) = (Converted(arm.Id, day), Exposed(arm.Id, day));
                if (n0 < 2 || n1 < 2 || c0 > n0 || c1 > n1) continue;
                var r = TwoProportionTest.Compare(c0, n0, c1, n1, confidence);
                list.Add(new DailyLift(day, arm.Name, r.AbsoluteLift, r.LiftLow, r.LiftHigh));
            }
        }
        return list;
    }

    /// <summary>The groups' units by region, device and new-vs-returning, for <see cref="SegmentAnalysis"/>.</summary>
    private static IReadOnlyList<SegmentResult> Segments(List<GroupSums> groups, List<Arm> arms, ResultsOptions options)
    {
        var control = arms.FirstOrDefault(a => a.IsControl);
        if (control is null) return [];
        var names = arms.ToDictionary(a => a.Id, a => a.Name);
        var dimensions = new (string Name, Func<GroupSums, string> Segment)[]
        {
            ("Region", g => g.Region),
            ("Device", g => ((Domain.Customers.Device)g.Device).ToWords()),
            ("Customer", g => g.Tenure.ToWords()),
        };
        var counts = dimensions.SelectMany(d => groups.Where(g => names.ContainsKey(g.ArmId))
            .Select(g => new SegmentCounts(d.Name, d.Segment(g), names[g.ArmId], g.Units, g.Converters))).ToList();
        return SegmentAnalysis.Compare(counts, arms.Select(a => a.Name).ToList(), control.Name, options.Correction, options.ConfidenceLevel);
    }
}
