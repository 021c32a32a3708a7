using Campaigns.Analytics;
using Campaigns.Application.Common.Caching;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>
/// An experiment read against every other experiment that ran at the same time and exposed some of the same customers:
/// whether assignment in one depended on the other, and whether this experiment's effect differs by the other's arm.
/// The joins read every exposed customer of both, so a result is shared until the rollup, the set of experiments or
/// the hour moves.
/// </summary>
public sealed class ExperimentInteractions(IDbContextFactory<CampaignsDbContext> dbFactory, StampedCacheMap<Guid, IReadOnlyList<ExperimentOverlap>> cache)
{
    public async Task<IReadOnlyList<ExperimentOverlap>> LoadAsync(Guid experimentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiments = await db.Experiments.GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), Started = g.Count(e => e.StartedAt != null), Ended = g.Count(e => e.EndedAt != null) }).SingleOrDefaultAsync(ct);
        var stamp = $"{await ExperimentRollup.StampAsync(db, ct)}|{experiments?.All}:{experiments?.Started}:{experiments?.Ended}|{DateTime.UtcNow:yyyy-MM-ddTHH}";
        return await cache.GetAsync(experimentId, stamp, token => ComputeAsync(db, experimentId, token), ct);
    }

    private static async Task<IReadOnlyList<ExperimentOverlap>> ComputeAsync(CampaignsDbContext db, Guid experimentId, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).SingleOrDefaultAsync(e => e.Id == experimentId, ct);
        if (experiment?.StartedAt is not { } start || experiment.Arms.All(a => !a.IsControl)) return [];
        var end = experiment.EndedAt ?? DateTime.UtcNow;
        var others = await db.Experiments.AsNoTracking().Include(e => e.Arms)
            .Where(e => e.Id != experimentId && e.StartedAt != null && e.StartedAt < end && (e.EndedAt == null || e.EndedAt > start)).ToListAsync(ct);
        var arms = experiment.Arms.OrderBy(a => a.Position).ToList();
        var control = arms.FindIndex(a => a.IsControl);
        var overlaps = new List<ExperimentOverlap>();
        foreach (var other in others)
        {
            // Customers exposed in both, by this experiment's arm and the other's: how many, and how many converted here.
            var shared = await (
                    from a in db.ExperimentCustomers.Where(c => c.ExperimentId == experimentId && c.Exposures > 0)
                    join b in db.ExperimentCustomers.Where(c => c.ExperimentId == other.Id && c.Exposures > 0) on a.CustomerId equals b.CustomerId
                    group a by new { Here = a.ArmId, There = b.ArmId } into g
                    select new { g.Key.Here, g.Key.There, Units = g.LongCount(), Converters = g.Sum(c => c.Conversions > 0 ? 1L : 0L) })
                .ToListAsync(ct);
            if (shared.Count == 0) continue;
            var otherArms = other.Arms.OrderBy(a => a.Position).ToList();
            var cells = arms.Select(a => (IReadOnlyList<(long, long)>)otherArms
                .Select(o => shared.FirstOrDefault(s => s.Here == a.Id && s.There == o.Id) is { } s ? (s.Units, s.Converters) : (0L, 0L)).ToList()).ToList();
            overlaps.Add(new ExperimentOverlap(other.Id, other.Name, InteractionCheck.Test(cells, control)));
        }
        return overlaps.OrderByDescending(o => o.Result.SharedCustomers).ToList();
    }
}
