using Campaigns.Analytics;
using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>
/// Reads an experiment's rolled-up customers against the campaign's saved audience. Randomization holds within each
/// cell, so each cell's treated-versus-holdout difference is an unbiased lift, and their difference is the lift the
/// model adds over sending the same promotion to random eligible customers.
/// </summary>
public sealed class TargetingCheck(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>The two-sided 95% normal quantile the cells' intervals were built with.</summary>
    private static readonly double Z95 = Normal.Quantile(0.975);

    public async Task<TargetingCheckView?> LoadAsync(Guid experimentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var audience = await (from e in db.Experiments
                              where e.Id == experimentId
                              join a in db.Audiences on e.CampaignId equals a.CampaignId
                              select new { a.Id, a.Targeted }).SingleOrDefaultAsync(ct);
        if (audience is null) return null;
        var targetedCount = Math.Max(1, audience.Targeted);
        var groups = await (from x in db.ExperimentCustomers
                            where x.ExperimentId == experimentId && x.Exposures > 0
                            join m in db.AudienceMembers on new { x.CustomerId, AudienceId = audience.Id } equals new { m.CustomerId, m.AudienceId }
                            join arm in db.Arms on x.ArmId equals arm.Id
                            group new { x.Conversions, m.PredictedUplift } by new
                            {
                                m.Cell, arm.IsControl,
                                Decile = m.Cell == AudienceCell.Targeted ? (m.Rank - 1) * 10 / targetedCount + 1 : 0,
                            } into g
                            select new Group(g.Key.Cell, g.Key.IsControl, g.Key.Decile, g.Count(), g.Count(v => v.Conversions > 0), g.Average(v => v.PredictedUplift)))
            .ToListAsync(ct);

        var targeted = Lift(AudienceCell.Targeted, groups.Where(g => g.Cell == AudienceCell.Targeted).ToList());
        var random = Lift(AudienceCell.Random, groups.Where(g => g.Cell == AudienceCell.Random).ToList());
        double? modelLift = null, low = null, high = null;
        if (targeted is not null && random is not null)
        {
            modelLift = targeted.Lift - random.Lift;
            var se = Math.Sqrt(Math.Pow((targeted.High - targeted.Low) / (2 * Z95), 2) + Math.Pow((random.High - random.Low) / (2 * Z95), 2));
            (low, high) = (modelLift - Z95 * se, modelLift + Z95 * se);
        }
        var deciles = groups.Where(g => g.Cell == AudienceCell.Targeted).GroupBy(g => g.Decile).OrderBy(d => d.Key)
            .Select(d => Decile(d.Key, d.ToList())).OfType<DecileLift>().ToList();
        return new TargetingCheckView(audience.Targeted, targeted, random, modelLift, low, high, deciles);
    }

    private sealed record Group(AudienceCell Cell, bool IsControl, int Decile, long Units, long Converters, double Predicted);

    private static CellLift? Lift(AudienceCell cell, List<Group> groups)
    {
        var (c, t) = Sums(groups);
        if (c.Units == 0 || t.Units == 0) return null;
        var r = TwoProportionTest.Compare(c.Converters, c.Units, t.Converters, t.Units);
        return new CellLift(cell, c.Units, t.Units, r.ControlRate, r.TreatmentRate, r.AbsoluteLift, r.LiftLow, r.LiftHigh);
    }

    private static DecileLift? Decile(int decile, List<Group> groups)
    {
        var (c, t) = Sums(groups);
        if (c.Units == 0 || t.Units == 0) return null;
        var r = TwoProportionTest.Compare(c.Converters, c.Units, t.Converters, t.Units);
        var predicted = groups.Sum(g => g.Predicted * g.Units) / groups.Sum(g => g.Units);
        return new DecileLift(decile, c.Units, t.Units, predicted, r.AbsoluteLift, r.LiftLow, r.LiftHigh);
    }

    private static ((long Units, long Converters) Control, (long Units, long Converters) Treated) Sums(List<Group> groups) =>
        ((groups.Where(g => g.IsControl).Sum(g => g.Units), groups.Where(g => g.IsControl).Sum(g => g.Converters)),
         (groups.Where(g => !g.IsControl).Sum(g => g.Units), groups.Where(g => !g.IsControl).Sum(g => g.Converters)));
}
