namespace Campaigns.Ml.Copy;

/// <summary>Per-impression metrics of click predictions, where each line contributes its clicks and its non-clicks.</summary>
public static class CtrMetrics
{
    /// <summary>Area under the ROC curve over impressions: P(a clicked impression outscores an unclicked one), ties counting half.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<(int Clicks, int NonClicks)> observed)
    {
        var groups = scores.Select((s, i) => (Score: s, observed[i].Clicks, observed[i].NonClicks)).GroupBy(x => x.Score).OrderBy(g => g.Key)
            .Select(g => (Clicks: g.Sum(x => (double)x.Clicks), NonClicks: g.Sum(x => (double)x.NonClicks))).ToList();
        double below = 0, sum = 0, clicks = 0, nonClicks = 0;
        foreach (var (c, n) in groups)
        {
            sum += c * (below + 0.5 * n);
            below += n;
            clicks += c;
            nonClicks += n;
        }
        return clicks == 0 || nonClicks == 0 ? double.NaN : sum / (clicks * nonClicks);
    }

    /// <summary>Mean negative log-likelihood per impression (natural log).</summary>
    public static double LogLoss(IReadOnlyList<double> p, IReadOnlyList<(int Clicks, int NonClicks)> observed)
    {
        double loss = 0, n = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var q = Math.Clamp(p[i], 1e-12, 1 - 1e-12);
            loss -= observed[i].Clicks * Math.Log(q) + observed[i].NonClicks * Math.Log(1 - q);
            n += observed[i].Clicks + observed[i].NonClicks;
        }
        return loss / n;
    }

    /// <summary>Expected calibration error: lines in ten equal-count bins of prediction, |mean prediction − observed CTR| weighted by impressions.</summary>
    public static double CalibrationError(IReadOnlyList<double> p, IReadOnlyList<(int Clicks, int NonClicks)> observed)
    {
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        double total = observed.Sum(o => (double)o.Clicks + o.NonClicks), error = 0;
        for (var b = 0; b < 10; b++)
        {
            var bin = order.Skip(b * order.Length / 10).Take((b + 1) * order.Length / 10 - b * order.Length / 10).ToList();
            var shown = bin.Sum(i => (double)observed[i].Clicks + observed[i].NonClicks);
            if (shown == 0) continue;
            var predicted = bin.Sum(i => p[i] * (observed[i].Clicks + observed[i].NonClicks)) / shown;
            var actual = bin.Sum(i => (double)observed[i].Clicks) / shown;
            error += shown / total * Math.Abs(predicted - actual);
        }
        return error;
    }
}
