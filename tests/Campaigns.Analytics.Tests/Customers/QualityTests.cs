using Campaigns.Analytics.Customers;

namespace Campaigns.Analytics.Tests.Customers;

public class QualityTests
{
    [Fact]
    public void Auc_counts_the_pairs_ranked_correctly_and_ties_as_half()
    {
        // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs right.
        Assert.Equal(0.75, ClassifierQuality.Evaluate([0.1, 0.4, 0.35, 0.8], [false, false, true, true]).Auc, 12);
        Assert.Equal(0.5, ClassifierQuality.Evaluate([0.3, 0.3, 0.3, 0.3], [false, true, false, true]).Auc, 12);
        Assert.Equal(0, ClassifierQuality.Evaluate([0.9, 0.1], [false, true]).Auc, 12);
    }

    [Fact]
    public void Top_decile_lift_and_calibration_read_the_highest_scores_first()
    {
        // 100 rows, score i/100; the 10 highest all buy, 10 others buy: rate 0.2, top-decile rate 1 → lift 5.
        var scores = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        var actual = Enumerable.Range(0, 100).Select(i => i >= 90 || i < 10).ToArray();
        var q = ClassifierQuality.Evaluate(scores, actual);
        Assert.Equal(5, q.TopDecileLift, 12);
        Assert.Equal(10, q.Calibration.Count);
        Assert.Equal(0.945, q.Calibration[0].Predicted, 12);
        Assert.Equal(1, q.Calibration[0].Actual);
        Assert.Equal(1, q.Calibration[9].Actual);
        Assert.Equal(0, q.Calibration[5].Actual);
    }

    [Theory]
    [InlineData(0.55, QualityBand.Poor)]
    [InlineData(0.6, QualityBand.Fair)]
    [InlineData(0.75, QualityBand.Good)]
    [InlineData(0.8, QualityBand.Excellent)]
    public void The_band_follows_the_documented_auc_cut_offs(double auc, QualityBand band) => Assert.Equal(band, ClassifierQuality.BandOf(auc));

    [Fact]
    public void Value_quality_is_the_mean_absolute_error_and_the_spend_share_of_the_predicted_top_fifth()
    {
        // The model ranks customer 4 (actual 50) first: top fifth of 5 = 1 customer, 50 of 100 spent.
        var q = ValueQuality.Evaluate([1, 2, 3, 4, 9], [10, 10, 10, 20, 50]);
        Assert.Equal((9 + 8 + 7 + 16 + 41) / 5.0, q.MeanAbsoluteError, 12);
        Assert.Equal(0.5, q.TopFifthCapture, 12);
    }
}
