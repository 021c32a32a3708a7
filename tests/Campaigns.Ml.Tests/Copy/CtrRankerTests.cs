using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class CtrRankerTests
{
    /// <summary>Lines of random words and lengths; "exclusive" doubles the click-through, length does nothing.</summary>
    private static List<CopyLine> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        string[] words = ["sale", "shoes", "today", "new", "style", "week", "deal", "season", "picks", "home"];
        var lines = new List<CopyLine>();
        for (var i = 0; i < count; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 3 + random.Next(6)).Select(_ => words[random.Next(words.Length)]));
            if (random.Next(2) == 0) text = "exclusive " + text;
            var ctr = text.Contains("exclusive") ? 0.06 : 0.03;
            var impressions = 500 + random.Next(1500);
            var clicks = Enumerable.Range(0, impressions).Count(_ => random.NextDouble() < ctr);
            lines.Add(new CopyLine(text, new CopyConditions(CopyChannel.Push, PromotionType.PercentDiscount, "Shoes", Tone.Friendly), impressions, clicks));
        }
        return lines;
    }

    [Fact]
    public void Where_a_word_drives_clicks_the_ranker_beats_the_length_only_baseline_and_names_the_word()
    {
        var ranker = CtrRanker.Train(Synthetic(300, 1), new CtrRankerOptions { Bootstraps = 4 });
        Assert.True(ranker.Metrics.Auc > 0.58, $"AUC {ranker.Metrics.Auc:0.000}");
        Assert.True(ranker.Metrics.Auc > ranker.Metrics.LengthOnlyAuc + 0.03, $"AUC {ranker.Metrics.Auc:0.000}, length only {ranker.Metrics.LengthOnlyAuc:0.000}");
        Assert.True(ranker.Metrics.LogLoss < ranker.Metrics.BaseRateLogLoss);

        var conditions = new CopyConditions(CopyChannel.Push, PromotionType.PercentDiscount, "Shoes", Tone.Friendly);
        var predictions = ranker.Predict([("exclusive new shoes today", conditions), ("new shoes today", conditions)]);
        Assert.InRange(predictions[0].Ctr, 0.045, 0.075);
        Assert.InRange(predictions[1].Ctr, 0.02, 0.04);
        Assert.Equal("exclusive", predictions[0].Up[0].Word);
        Assert.All(predictions, p => Assert.True(p.Low <= p.Ctr && p.Ctr <= p.High));
    }

    [Fact]
    public void A_saved_ranker_loads_and_predicts_the_same()
    {
        var ranker = CtrRanker.Train(Synthetic(120, 2), new CtrRankerOptions { Bootstraps = 2 });
        using var stream = new MemoryStream();
        ranker.Save(stream);
        stream.Position = 0;
        var loaded = CtrRanker.Load(stream);
        var conditions = new CopyConditions(CopyChannel.Push, PromotionType.PercentDiscount, "Shoes", Tone.Friendly);
        Assert.Equal(ranker.Predict([("exclusive deal", conditions)])[0].Ctr, loaded.Predict([("exclusive deal", conditions)])[0].Ctr, 9);
        Assert.Equal(ranker.Metrics, loaded.Metrics);
    }

    [Fact]
    public void Auc_counts_clicked_impressions_outscoring_unclicked_ones_with_ties_as_half()
    {
        Assert.Equal(1.0, CtrMetrics.Auc([0.1, 0.9], [(0, 10), (10, 0)]));
        Assert.Equal(0.5, CtrMetrics.Auc([0.5, 0.5], [(3, 7), (2, 8)]));
        // Line A (score 0.2): 1 click, 3 not; line B (0.8): 3 clicks, 1 not. Of 4 × 4 pairs, B's clicks beat A's non-clicks
        // (9), ties within a line count half (1.5 + 1.5), A's click loses to B's non-click: 12 / 16.
        Assert.Equal(0.75, CtrMetrics.Auc([0.2, 0.8], [(1, 3), (3, 1)]), 9);
    }
}
