using Campaigns.Ml.Uplift;

namespace Campaigns.Ml.Tests.Uplift;

public class TrainingSetTests
{
    private static readonly TrainingSet Set = TrainingSet.Create(SyntheticUplift.Generate(5000, 11, treatmentArms: 2).Data, new UpliftTrainingOptions());

    private static int Stratum(int row) => Set.Arm[row] * 2 + (Set.Y[row] != 0 ? 1 : 0);

    [Fact]
    public void Folds_are_disjoint_cover_every_row_and_hold_each_arm_and_outcome_in_equal_parts()
    {
        var folds = Set.Folds(3, int.MaxValue, 42);

        Assert.Equal(3, folds.Length);
        Assert.Equal(Enumerable.Range(0, 5000), folds.SelectMany(f => f).Order());
        Assert.All(folds, f => Assert.Equal(f.Order(), f));
        foreach (var stratum in Enumerable.Range(0, 6))
        {
            var perFold = folds.Select(f => f.Count(r => Stratum(r) == stratum)).ToList();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"stratum {stratum}: {string.Join(", ", perFold)}");
            Assert.True(perFold.Min() > 0);
        }
    }

    [Fact]
    public void Folds_over_a_capped_sample_keep_each_strata_share()
    {
        var folds = Set.Folds(4, 1000, 7);
        var sample = folds.SelectMany(f => f).ToList();

        Assert.Equal(sample.Count, sample.Distinct().Count());
        Assert.InRange(sample.Count, 997, 1003);
        foreach (var stratum in Enumerable.Range(0, 6))
        {
            var all = Enumerable.Range(0, 5000).Count(r => Stratum(r) == stratum);
            Assert.Equal(all / 5.0, sample.Count(r => Stratum(r) == stratum), tolerance: 0.5);
        }
        Assert.True(folds.Max(f => f.Length) - folds.Min(f => f.Length) <= 1);
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_and_another_seed_others()
    {
        Assert.Equal(Set.Folds(3, int.MaxValue, 1), Set.Folds(3, int.MaxValue, 1));
        Assert.NotEqual(Set.Folds(3, int.MaxValue, 1)[0], Set.Folds(3, int.MaxValue, 2)[0]);
    }
}
