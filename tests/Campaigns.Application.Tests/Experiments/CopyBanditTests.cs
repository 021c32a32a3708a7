using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Experiments;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Experiments;

/// <summary>The copy bandit's re-weighting over stored experiments: shares, floors, the fixed holdout, stopping, the stored history.</summary>
public class CopyBanditTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private CopyBandit Bandit() => new(database.Factory, new ExperimentRollup(database.Factory));

    /// <summary>A running Thompson-sampled test: a 10% holdout and three copy arms, each arm's exposed and converted customers as given.</summary>
    private async Task<Experiment> ExperimentAsync(TrafficAllocation traffic, params (long Units, long Converters)[] arms)
    {
        await using var db = database.Open();
        var campaign = new Campaign
        {
            Name = $"Bandit {Guid.NewGuid():N}"[..25], CreatedBy = "tests", Budget = 1000, StartsAt = DateTime.UtcNow.AddDays(-1), EndsAt = DateTime.UtcNow.AddDays(13),
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Email },
        };
        var experiment = new Experiment { CampaignId = campaign.Id, Name = campaign.Name, Status = ExperimentStatus.Running, StartedAt = DateTime.UtcNow.AddHours(-3), Traffic = traffic };
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Holdout", Position = 0, Allocation = 0.1, IsControl = true });
        for (var k = 0; k < arms.Length; k++)
            experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = $"Copy {(char)('A' + k)}", Position = k + 1, Allocation = 0.9 / arms.Length });
        db.Campaigns.Add(campaign);
        db.Experiments.Add(experiment);
        for (var k = 0; k < arms.Length; k++)
            db.ExperimentCells.Add(new ExperimentCell
            {
                ExperimentId = experiment.Id, ArmId = experiment.Arms[k + 1].Id, Region = "North", ExposedDay = 0, ConvertedDay = -1, Units = arms[k].Units, Converters = arms[k].Converters,
            });
        await db.SaveChangesAsync();
        return experiment;
    }

    private async Task<Experiment> ReloadAsync(Guid id)
    {
        await using var db = database.Open();
        return await db.Experiments.AsNoTracking().Include(e => e.Arms).SingleAsync(e => e.Id == id);
    }

    [Fact]
    public async Task Each_copy_arm_gets_its_chance_of_being_best_above_the_floor_and_the_holdout_keeps_its_share()
    {
        var experiment = await ExperimentAsync(TrafficAllocation.Thompson, (400, 20), (400, 26), (400, 30));
        var expected = ThompsonSampling.Allocate([new BetaPosterior(21, 381), new BetaPosterior(27, 375), new BetaPosterior(31, 371)], CopyBandit.Floor);

        await Bandit().ReweightAsync();

        var after = await ReloadAsync(experiment.Id);
        Assert.Equal(0.1, after.Arms.Single(a => a.IsControl).Allocation, 12);
        var treated = after.TreatedArms;
        for (var k = 0; k < 3; k++) Assert.Equal(0.9 * expected.Shares[k], treated[k].Allocation, 9);
        Assert.All(treated, a => Assert.True(a.Allocation >= 0.9 * CopyBandit.Floor - 1e-12));
        Assert.True(after.IsExploring);
        await using var db = database.Open();
        var snapshots = await db.ArmAllocationSnapshots.Where(s => s.ExperimentId == experiment.Id).ToListAsync();
        Assert.Equal(3, snapshots.Count);
        Assert.Equal(1, snapshots.Sum(s => s.ProbabilityBest), 9);
        Assert.Equal((400L, 30L), snapshots.Where(s => s.ArmId == treated[2].Id).Select(s => (s.Units, s.Converters)).Single());
    }

    [Fact]
    public async Task A_clear_winner_takes_all_the_copy_traffic_and_the_test_stops_exploring_once_and_for_all()
    {
        var experiment = await ExperimentAsync(TrafficAllocation.Thompson, (5000, 250), (5000, 400), (5000, 260));

        await Bandit().ReweightAsync();
        var after = await ReloadAsync(experiment.Id);
        var view = await Bandit().ViewAsync(experiment.Id);

        Assert.NotNull(after.ExplorationStoppedAt);
        Assert.Equal([0, 0.9, 0], after.TreatedArms.Select(a => Math.Round(a.Allocation, 12)));
        Assert.Equal(0.1, after.Arms.Single(a => a.IsControl).Allocation, 12);
        Assert.Equal("Copy B", view!.Arms.MaxBy(a => a.Share)!.Name);
        Assert.NotNull(view.StoppedAt);
        await using var db = database.Open();
        Assert.Contains(await db.AuditLog.Where(a => a.EntityId == experiment.Id.ToString()).Select(a => a.Action).ToListAsync(), a => a == "experiment.exploration-stopped");

        // Stopped is final: a later re-weighting leaves it alone.
        await Bandit().ReweightAsync();
        Assert.Equal(3, await db.ArmAllocationSnapshots.CountAsync(s => s.ExperimentId == experiment.Id));
    }

    [Fact]
    public async Task A_run_that_crashes_midway_writes_nothing_and_the_next_run_reweights_every_experiment()
    {
        var (first, second) = (await ExperimentAsync(TrafficAllocation.Thompson, (400, 20), (400, 30)), await ExperimentAsync(TrafficAllocation.Thompson, (300, 9), (300, 15)));
        int SnapshotCount() { using var db = database.Open(); return db.ArmAllocationSnapshots.Count(); }
        var before = SnapshotCount();
        var crashing = new ContextFactory(() =>
        {
            var options = new DbContextOptionsBuilder<CampaignsDbContext>();
            database.Options.Apply(options);
            return new CampaignsDbContext(options.AddInterceptors(new CrashOnSecondCellRead()).Options);
        });

        await Assert.ThrowsAsync<IOException>(() => new CopyBandit(crashing, new ExperimentRollup(database.Factory)).ReweightAsync());

        Assert.Equal(before, SnapshotCount());
        foreach (var e in new[] { first, second })
            Assert.All((await ReloadAsync(e.Id)).TreatedArms, a => Assert.Equal(0.45, a.Allocation, 12));
        await Bandit().ReweightAsync();
        foreach (var e in new[] { first, second })
            Assert.NotEqual(0.45, (await ReloadAsync(e.Id)).TreatedArms[0].Allocation, 6);
    }

    /// <summary>The instance dies while reading the second experiment's counts, after the first was re-weighted in memory.</summary>
    private sealed class CrashOnSecondCellRead : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _reads;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("\"ExperimentCells\"") && ++_reads == 2
                ? throw new IOException("the instance died")
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    [Fact]
    public async Task A_fixed_split_is_never_reweighted_and_has_no_bandit_view()
    {
        var experiment = await ExperimentAsync(TrafficAllocation.Fixed, (5000, 250), (5000, 400));

        await Bandit().ReweightAsync();

        Assert.Equal([0.45, 0.45], (await ReloadAsync(experiment.Id)).TreatedArms.Select(a => Math.Round(a.Allocation, 12)));
        Assert.Null(await Bandit().ViewAsync(experiment.Id));
    }

    [Fact]
    public async Task The_sample_ratio_check_of_a_bandit_tests_the_holdout_against_the_copy_arms_not_the_moving_shares()
    {
        var experiment = await ExperimentAsync(TrafficAllocation.Thompson, (4000, 200), (500, 30));
        await using (var db = database.Open())
        {
            db.ExperimentCells.Add(new ExperimentCell { ExperimentId = experiment.Id, ArmId = experiment.Arms[0].Id, Region = "South", ExposedDay = 0, ConvertedDay = -1, Units = 500, Converters = 20 });
            await db.SaveChangesAsync();
        }
        var statistics = new ExperimentStatistics(database.Factory, new RollupCatchUp(database.Factory), new MoneyFormat("EUR"), new());

        // No revenue cap: these cells were written without the customers a cap reads.
        var reading = await statistics.LoadAsync(experiment.Id, new ResultsOptions { WinsorizePercentile = null });

        // 500 of 5,000 in the 10% holdout: exactly as planned, though the copy arms split 4,000 to 500, not 50/50.
        Assert.False(reading!.Report.SampleRatio.IsMismatch);
        Assert.Equal(1, reading.Report.SampleRatio.PValue, 9);
    }
}
