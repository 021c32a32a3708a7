using Campaigns.Analytics;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>
/// Re-weights the copy arms of every Thompson-sampled experiment still exploring (a recurring job, every 15 minutes):
/// each treated arm's share follows its chance of being best, never below <see cref="Floor"/>, until the leader is
/// almost surely best or choosing it costs almost nothing; then it takes all the treated traffic. The holdout's share
/// never moves. Each re-weighting is stored per arm, so the results page shows the allocation over time.
/// </summary>
public sealed class CopyBandit(IDbContextFactory<CampaignsDbContext> dbFactory, ExperimentRollup rollup)
{
    /// <summary>Every arm keeps at least this share of the treated traffic while the test explores.</summary>
    public const double Floor = 0.05;

    /// <summary>Exploration stops once the leader's chance of being best reaches this.</summary>
    public const double StopAt = 0.95;

    /// <summary>... or once choosing the leader is expected to lose less than this share of its conversion rate.</summary>
    public const double LossThreshold = 0.01;

    /// <summary>The recurring job's identifier and schedule.</summary>
    public const string RecurringId = "copy-bandit";
    public const string Cron = "*/15 * * * *";

    /// <returns>How many experiments were re-weighted.</returns>
    public async Task<int> ReweightAsync(CancellationToken ct = default)
    {
        await rollup.CatchUpBeforeReadAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiments = await db.Experiments.Include(e => e.Arms)
            .Where(e => e.Traffic == TrafficAllocation.Thompson && e.Status == ExperimentStatus.Running && e.ExplorationStoppedAt == null).ToListAsync(ct);
        var now = DateTime.UtcNow;
        foreach (var experiment in experiments)
        {
            var sums = await db.ExperimentCells.Where(c => c.ExperimentId == experiment.Id).GroupBy(c => c.ArmId)
                .Select(g => new { ArmId = g.Key, Units = g.Sum(c => c.Units), Converters = g.Sum(c => c.Converters) }).ToListAsync(ct);
            var treated = experiment.TreatedArms;
            var counts = treated.Select(a => sums.FirstOrDefault(s => s.ArmId == a.Id) is { } s ? (s.Units, s.Converters) : (0L, 0L)).ToList();
            var allocation = ThompsonSampling.Allocate(counts.Select(c => BetaPosterior.From(BetaPrior.Uniform, c.Item2, c.Item1)).ToList(), Floor, StopAt, LossThreshold);
            experiment.Reallocate(allocation.Shares, allocation.Stopped, now);
            for (var k = 0; k < treated.Count; k++)
                db.ArmAllocationSnapshots.Add(new ArmAllocationSnapshot
                {
                    ExperimentId = experiment.Id, ArmId = treated[k].Id, TakenAt = now, Share = treated[k].Allocation, Units = counts[k].Item1,
                    Converters = counts[k].Item2, ProbabilityBest = allocation.Arms[k].ProbabilityBest, ExpectedLoss = allocation.Arms[k].ExpectedLoss,
                });
            if (allocation.Stopped)
                db.Audit("copy bandit", "experiment.exploration-stopped", nameof(Experiment), experiment.Id,
                    $"{treated[allocation.Leader].Name} takes all the treated traffic: chance of being best {allocation.Arms[allocation.Leader].ProbabilityBest:P1}");
        }
        await db.SaveChangesAsync(ct);
        return experiments.Count;
    }

    /// <summary>The allocation of a Thompson-sampled experiment over time, with each arm's latest reading; null for a fixed split.</summary>
    public async Task<BanditView?> ViewAsync(Guid experimentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).SingleOrDefaultAsync(e => e.Id == experimentId, ct);
        if (experiment is not { Traffic: TrafficAllocation.Thompson }) return null;
        var snapshots = await db.ArmAllocationSnapshots.AsNoTracking().Where(s => s.ExperimentId == experimentId).OrderBy(s => s.TakenAt).ToListAsync(ct);
        var arms = experiment.TreatedArms.Select(a =>
        {
            var history = snapshots.Where(s => s.ArmId == a.Id).ToList();
            var latest = history.LastOrDefault();
            return new BanditArmView(a.Name, a.Allocation, latest?.ProbabilityBest, latest?.ExpectedLoss, latest?.Units ?? 0, latest?.Converters ?? 0,
                history.Select(s => (s.TakenAt, s.Share)).ToList());
        }).ToList();
        var holdout = experiment.Arms.Where(a => a.IsControl).Sum(a => a.Allocation);
        return new BanditView(experiment.StartedAt, experiment.ExplorationStoppedAt, holdout, snapshots.LastOrDefault()?.TakenAt, arms);
    }
}
