using Campaigns.Analytics.Uplift;

namespace Campaigns.Analytics.Tests;

public class UpliftMetricsTests
{
    // Six rows, given out of order. Ranked by score:
    //   rank  score  arm  y   N_T Y_T N_C Y_C   Qini Y_T − Y_C·N_T/N_C   uplift (Y_T/N_T − Y_C/N_C)·n
    //   1     0.9    T    1   1   1   0   0     1                        1
    //   2     0.8    C    0   1   1   1   0     1                        2
    //   3     0.7    T    1   2   2   1   0     2                        3
    //   4     0.6    C    1   2   2   2   1     1                        (1 − 1/2)·4 = 2
    //   5     0.5    T    0   3   2   2   1     2 − 3/2 = 1/2            (2/3 − 1/2)·5 = 5/6
    //   6     0.4    C    0   3   2   3   1     1                        (2/3 − 1/3)·6 = 2
    // Qini area (trapezoids from the origin): 1/2 + 1 + 3/2 + 3/2 + 3/4 + 3/4 = 6; random chord 6·1/2 = 3.
    // Perfect Qini (treated responders, then all non-responders, then control responders): (2, 2), (5, 2), (6, 1);
    //   area 2 + 6 + 3/2 = 19/2. Coefficient (6 − 3)/(19/2 − 3) = 6/13.
    // Uplift area: 1/2 + 3/2 + 5/2 + 5/2 + 17/12 + 17/12 = 59/6; random 6·2/2 = 6.
    // Perfect uplift (control responders 1 not > treated non-responders 1: TR, CN, TN, CR): (2, 2), (4, 4), (5, 10/3), (6, 2);
    //   area 2 + 6 + 11/3 + 8/3 = 43/3. AUUC (59/6 − 6)/(43/3 − 6) = 23/50.
    private static readonly double[] Score = [0.5, 0.9, 0.4, 0.8, 0.6, 0.7];
    private static readonly bool[] Treated = [true, true, false, false, false, true];
    private static readonly double[] Outcome = [0, 1, 0, 0, 1, 1];

    [Fact]
    public void Qini_coefficient_matches_the_hand_computed_six_row_case() =>
        Assert.Equal(6.0 / 13, UpliftMetrics.QiniCoefficient(Score, Treated, Outcome), 12);

    [Fact]
    public void Auuc_matches_the_hand_computed_six_row_case() =>
        Assert.Equal(23.0 / 50, UpliftMetrics.Evaluate(Score, Treated, Outcome).Auuc, 12);

    [Fact]
    public void Curves_start_at_the_origin_and_follow_the_ranked_prefixes()
    {
        var e = UpliftMetrics.Evaluate(Score, Treated, Outcome);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], e.QiniCurve.Select(p => p.Count));
        Assert.Equal([0, 1, 1, 2, 1, 0.5, 1], e.QiniCurve.Select(p => Math.Round(p.Value, 12)));
        Assert.Equal([0, 1, 2, 3, 2, 5.0 / 6, 2], e.UpliftCurve.Select(p => p.Value), new RoundedTo(12));
        Assert.Equal(1, e.QiniCurve[^1].Fraction);
    }

    [Fact]
    public void The_random_curve_is_the_chord_to_the_overall_incremental_outcome()
    {
        var e = UpliftMetrics.Evaluate(Score, Treated, Outcome);
        Assert.Equal([0, 1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0, 1], e.RandomQiniCurve.Select(p => p.Value), new RoundedTo(12));
        Assert.Equal(0, e.RandomQiniCoefficient);
    }

    [Fact]
    public void The_reversed_ranking_scores_below_zero()
    {
        // Ranked 0.4 C0, 0.5 T0, 0.6 C1, 0.7 T1, 0.8 C0, 0.9 T1: Qini 0, 0, −1/2, 0, 1/3, 1; area −1/4 − 1/4 + 1/6 + 2/3 = 1/3.
        // Coefficient (1/3 − 3)/(19/2 − 3) = −16/39.
        var reversed = Score.Select(s => -s).ToArray();
        Assert.Equal(-16.0 / 39, UpliftMetrics.QiniCoefficient(reversed, Treated, Outcome), 12);
    }

    [Fact]
    public void A_perfect_ranking_of_a_binary_outcome_scores_one()
    {
        var (treated, outcome) = Experiment(2_000, seed: 3);
        // sklift's oracles: y·t − y·(1 − t) for Qini; 2·[y = t] + (y or t) for the uplift curve.
        var qiniOracle = outcome.Select((y, i) => treated[i] ? y : -y).ToArray();
        Assert.Equal(1, UpliftMetrics.QiniCoefficient(qiniOracle, treated, outcome), 12);
        int cr = Enumerable.Range(0, 2_000).Count(i => !treated[i] && outcome[i] == 1), tn = Enumerable.Range(0, 2_000).Count(i => treated[i] && outcome[i] == 0);
        var upliftOracle = outcome.Select((y, i) => 2.0 * (y == (treated[i] ? 1 : 0) ? 1 : 0) + (cr > tn ? y : treated[i] ? 1 : 0)).ToArray();
        Assert.Equal(1, UpliftMetrics.Evaluate(upliftOracle, treated, outcome).Auuc, 12);
    }

    [Fact]
    public void A_constant_score_is_the_random_line_and_scores_zero()
    {
        var (treated, outcome) = Experiment(1_000, seed: 5);
        var e = UpliftMetrics.Evaluate(new double[1_000], treated, outcome);
        Assert.Equal(0, e.QiniCoefficient);
        Assert.Equal(0, e.Auuc);
        Assert.Equal(2, e.QiniCurve.Count);
        Assert.Equal(e.RandomQiniCurve, e.QiniCurve);
    }

    [Fact]
    public void Rows_with_equal_scores_move_the_curve_in_one_step()
    {
        // Ranks 2–3 tie at 0.8: no point at n = 2, and the curve's area is the same whichever order they came in.
        double[] score = [0.9, 0.8, 0.8, 0.1];
        bool[] treated = [true, false, true, false];
        double[] outcome = [1, 1, 0, 0];
        var e = UpliftMetrics.Evaluate(score, treated, outcome);
        Assert.Equal([0, 1, 3, 4], e.QiniCurve.Select(p => p.Count));
        bool[] swapped = [true, true, false, false];
        double[] swappedOutcome = [1, 0, 1, 0];
        Assert.Equal(e.QiniCoefficient, UpliftMetrics.QiniCoefficient(score, swapped, swappedOutcome), 12);
    }

    [Fact]
    public void All_zero_outcomes_score_zero_rather_than_nan()
    {
        var e = UpliftMetrics.Evaluate([3, 2, 1, 0], [true, false, true, false], [0, 0, 0, 0]);
        Assert.Equal((0.0, 0.0), (e.QiniCoefficient, e.Auuc));
        Assert.All(e.Deciles, d => Assert.True(double.IsFinite(d.Low) && double.IsFinite(d.High)));
    }

    [Fact]
    public void A_prefix_without_control_rows_counts_its_treated_outcomes_as_incremental()
    {
        var e = UpliftMetrics.Evaluate([3, 2, 1, 0], [true, true, false, false], [1, 1, 0, 1]);
        Assert.Equal([0, 1, 2, 2, 1], e.QiniCurve.Select(p => p.Value));
    }

    [Fact]
    public void An_amount_outcome_ranked_by_the_oracle_scores_one()
    {
        var random = new Random(11);
        var treated = Enumerable.Range(0, 500).Select(_ => random.NextDouble() < 0.5).ToArray();
        var amount = treated.Select(t => random.NextDouble() < 0.3 ? Math.Round(random.NextDouble() * (t ? 120 : 100), 2) : 0).ToArray();
        var oracle = amount.Select((y, i) => treated[i] ? y : -y).ToArray();
        Assert.Equal(1, UpliftMetrics.QiniCoefficient(oracle, treated, amount), 9);
        Assert.InRange(UpliftMetrics.QiniCoefficient(oracle.Select(s => -s).ToArray(), treated, amount), -10, 0);
    }

    [Theory]
    [InlineData(0, "at least one row")]
    [InlineData(1, "same length")]
    [InlineData(2, "score[1]")]
    [InlineData(3, "outcome[0]")]
    [InlineData(4, "no control rows")]
    [InlineData(5, "no treated rows")]
    public void Bad_input_is_an_argument_exception_that_says_what_is_wrong(int @case, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => @case switch
        {
            0 => UpliftMetrics.Evaluate([], [], []),
            1 => UpliftMetrics.Evaluate([1, 2], [true], [0, 1]),
            2 => UpliftMetrics.Evaluate([1, double.NaN], [true, false], [0, 1]),
            3 => UpliftMetrics.Evaluate([1, 2], [true, false], [double.PositiveInfinity, 1]),
            4 => UpliftMetrics.Evaluate([1, 2], [true, true], [0, 1]),
            _ => UpliftMetrics.Evaluate([1, 2], [false, false], [0, 1]),
        });
        Assert.Contains(message, ex.Message);
    }

    /// <summary>Randomized experiment with P(buy) 0.10 in control and 0.15 treated.</summary>
    internal static (bool[] Treated, double[] Outcome) Experiment(int n, int seed)
    {
        var random = new Random(seed);
        var treated = new bool[n];
        var outcome = new double[n];
        for (var i = 0; i < n; i++)
        {
            treated[i] = random.NextDouble() < 0.5;
            outcome[i] = random.NextDouble() < (treated[i] ? 0.15 : 0.10) ? 1 : 0;
        }
        return (treated, outcome);
    }
}

public class UpliftMetricsAtScale
{
    [Fact]
    public void A_large_experiment_gives_a_hundred_curve_points_ten_deciles_and_finds_the_signal()
    {
        // Speed is measured by `campaigns-bench uplift-speed`, not here; this checks the shape at scale.
        const int n = 200_000;
        var (treated, outcome) = UpliftMetricsTests.Experiment(n, seed: 7);
        var random = new Random(8);
        var score = outcome.Select((y, i) => (treated[i] ? y : -y) + random.NextDouble() * 2).ToArray();
        var e = UpliftMetrics.Evaluate(score, treated, outcome);
        Assert.Equal(101, e.QiniCurve.Count);
        Assert.Equal(10, e.Deciles.Count);
        Assert.InRange(e.QiniCoefficient, 0.05, 1);
    }
}

public class UpliftAtKTests
{
    [Fact]
    public void Uplift_at_k_takes_the_top_rows_over_both_arms()
    {
        // Ten rows ranked by score: T1 C0 T0 C1 T1 C0 T0 C1 T1 C0.
        // k = 10%: 1 row, control absent → 0. k = 20%: T1 vs C0 → 1. k = 30%: T(1, 0) vs C(0) → 1/2.
        double[] score = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        bool[] treated = [true, false, true, false, true, false, true, false, true, false];
        double[] outcome = [1, 0, 0, 1, 1, 0, 0, 1, 1, 0];
        var e = UpliftMetrics.Evaluate(score, treated, outcome);
        Assert.Equal(0, e.UpliftAtK[10]);
        Assert.Equal(1, e.UpliftAtK[20]);
        Assert.Equal(0.5, e.UpliftAtK[30]);
    }

    [Fact]
    public void Ties_at_the_cut_put_later_rows_first_as_sklift_does()
    {
        // All scores equal: sklift's reversed stable argsort ranks rows 9, 8, 7, … The top 20% are rows 9 (C, 0) and 8 (T, 1).
        bool[] treated = [true, false, true, false, true, false, true, false, true, false];
        double[] outcome = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        Assert.Equal(1, UpliftMetrics.Evaluate(new double[10], treated, outcome).UpliftAtK[20]);
    }

    [Fact]
    public void The_size_is_the_floor_of_k_times_n() => Assert.Equal((1, 2, 3, 0), (UpliftAtK.Size(10, 10), UpliftAtK.Size(10, 20), UpliftAtK.Size(13, 30), UpliftAtK.Size(9, 10)));
}

public class UpliftDecilesTests
{
    [Fact]
    public void Deciles_split_the_ranking_like_numpy_array_split()
    {
        var (treated, outcome) = UpliftMetricsTests.Experiment(23, seed: 1);
        treated[0] = true; treated[1] = false;
        var e = UpliftMetrics.Evaluate(Enumerable.Range(0, 23).Select(i => -(double)i).ToArray(), treated, outcome);
        Assert.Equal([3, 3, 3, 2, 2, 2, 2, 2, 2, 2], e.Deciles.Select(d => d.Treated + d.Control));
        Assert.Equal(Enumerable.Range(1, 10), e.Deciles.Select(d => d.Decile));
    }

    [Fact]
    public void A_decile_reports_mean_predicted_and_observed_uplift_with_a_newcombe_interval()
    {
        // 20 rows, decile 1 = the top two (scores 20, 19), decile 2 = the next two, …
        // Decile 1: T with y = 1 and C with y = 0 → observed 1, predicted (20 + 19)/2 = 19.5;
        // Newcombe from Wilson(1/1) = (0.2065, 1) and Wilson(0/1) = (0, 0.7935): 1 − √(0.7935² + 0.7935²) .. 1.
        var score = Enumerable.Range(0, 20).Select(i => 20.0 - i).ToArray();
        var treated = Enumerable.Range(0, 20).Select(i => i % 2 == 0).ToArray();
        var outcome = Enumerable.Range(0, 20).Select(i => i == 0 ? 1.0 : 0).ToArray();
        var d = UpliftMetrics.Evaluate(score, treated, outcome).Deciles[0];
        Assert.Equal((1, 1, 19.5, 1.0), (d.Treated, d.Control, d.PredictedUplift, d.ObservedUplift));
        var (wilsonLow, _) = Wilson.Interval(1, 1);
        Assert.Equal(1 - Math.Sqrt(2) * (1 - wilsonLow), d.Low, 12);
        Assert.Equal(1, d.High, 12);
    }

    [Fact]
    public void A_decile_missing_an_arm_reports_zero_with_the_widest_interval()
    {
        // Amounts 0..50: the first decile (two treated rows) has no control, so 0 within ±50.
        double[] score = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9];
        var treated = score.Select((_, i) => i < 2 || i % 2 == 0).ToArray();
        var outcome = score.Select((_, i) => i == 3 ? 50.0 : i % 3).ToArray();
        var d = UpliftMetrics.Evaluate(score, treated, outcome).Deciles[0];
        Assert.Equal((2, 0, 0.0, -50.0, 50.0), (d.Treated, d.Control, d.ObservedUplift, d.Low, d.High));
    }

    [Fact]
    public void Amount_deciles_use_a_wald_interval_of_the_difference_of_means()
    {
        // 40 rows, so decile 1 = the top 4: T (10, 20): mean 15, s² 50; C (4, 6): mean 5, s² 2.
        // Difference 10 ± 1.959964·√(50/2 + 2/2) = 10 ± 1.959964·√26.
        var score = Enumerable.Range(0, 40).Select(i => 40.0 - i).ToArray();
        var treated = Enumerable.Range(0, 40).Select(i => i % 2 == 0).ToArray();
        var outcome = new double[40];
        (outcome[0], outcome[1], outcome[2], outcome[3]) = (10, 4, 20, 6);
        var d = UpliftMetrics.Evaluate(score, treated, outcome).Deciles[0];
        Assert.Equal(10, d.ObservedUplift, 12);
        Assert.Equal(10 - Normal.Quantile(0.975) * Math.Sqrt(26), d.Low, 9);
        Assert.Equal(10 + Normal.Quantile(0.975) * Math.Sqrt(26), d.High, 9);
    }
}

public class NewcombeTests
{
    [Fact]
    public void Difference_interval_matches_newcombes_published_examples()
    {
        // Newcombe (1998), Table II, method 10: 56/70 − 48/80 → (0.0524, 0.3339); 9/10 − 3/10 → (0.1705, 0.8090).
        var (l1, h1) = Newcombe.Difference(56, 70, 48, 80);
        Assert.Equal((0.0524, 0.3339), (Math.Round(l1, 4), Math.Round(h1, 4)));
        var (l2, h2) = Newcombe.Difference(9, 10, 3, 10);
        Assert.Equal((0.1705, 0.8090), (Math.Round(l2, 4), Math.Round(h2, 4)));
    }
}

/// <summary>Compares doubles rounded to a number of decimals.</summary>
internal sealed class RoundedTo(int digits) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Round(x, digits) == Math.Round(y, digits);
    public int GetHashCode(double obj) => Math.Round(obj, digits).GetHashCode();
}
