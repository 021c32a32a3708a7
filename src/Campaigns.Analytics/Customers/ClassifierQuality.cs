namespace Campaigns.Analytics.Customers;

/// <summary>
/// A probability model judged on what happened: AUC (ties count half), lift in the top decile (the event rate among the
/// 10% with the highest scores over the overall rate), calibration by decile of the score (mean predicted vs actual rate,
/// highest scores first) and the <see cref="QualityBand"/> of the AUC.
/// </summary>
public sealed record ClassifierQuality(int Rows, double Rate, double Auc, double TopDecileLift, IReadOnlyList<CalibrationBin> Calibration, QualityBand Band)
{
    public static QualityBand BandOf(double auc) => auc switch { >= 0.8 => QualityBand.Excellent, >= 0.7 => QualityBand.Good, >= 0.6 => QualityBand.Fair, _ => QualityBand.Poor };

    public static ClassifierQuality Evaluate(ReadOnlySpan<double> score, ReadOnlySpan<bool> actual)
    {
        var n = score.Length;
        if (n == 0 || actual.Length != n) throw new ArgumentException("Scores and outcomes must be non-empty and of the same length.");
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = score.ToArray();
        Array.Sort(keys, order); // ascending score
        long positives = 0;
        foreach (var a in actual) if (a) positives++;
        var negatives = n - positives;

        // AUC by ranks (Mann–Whitney), tied scores sharing their mean rank.
        double rankSum = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j < n && keys[j] == keys[i]) j++;
            var meanRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++) if (actual[order[k]]) rankSum += meanRank;
            i = j;
        }
        var auc = positives == 0 || negatives == 0 ? 0.5 : (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
        var rate = (double)positives / n;

        var bins = new List<CalibrationBin>(10);
        for (var d = 0; d < 10; d++)
        {
            // Deciles from the top: rows [n − hi, n − lo) of the ascending order.
            var (lo, hi) = ((int)((long)n * d / 10), (int)((long)n * (d + 1) / 10));
            if (hi == lo) continue;
            double predicted = 0, events = 0;
            for (var k = n - hi; k < n - lo; k++) { predicted += keys[k]; if (actual[order[k]]) events++; }
            bins.Add(new CalibrationBin(d + 1, hi - lo, predicted / (hi - lo), events / (hi - lo)));
        }
        var lift = rate > 0 ? bins[0].Actual / rate : 0;
        return new ClassifierQuality(n, rate, auc, lift, bins, BandOf(auc));
    }
}
