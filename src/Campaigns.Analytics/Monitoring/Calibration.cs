namespace Campaigns.Analytics.Monitoring;

/// <summary>One group of customers (a decile of the model's ranking): the predicted effect and what the experiment observed.</summary>
public readonly record struct CalibrationGroup(double Predicted, double Observed, double Low, double High, long Customers);

/// <summary>
/// How well predicted uplift matches observed uplift in a live experiment. The headline is the share of groups whose
/// observed 95% interval contains the prediction (near 0.95 when the model is calibrated, whatever the sample size);
/// the customer-weighted mean absolute gap says by how much it misses.
/// </summary>
/// <remarks>Reference: Gneiting, Balabdaoui and Raftery, "Probabilistic forecasts, calibration and sharpness" (2007), on coverage as a calibration check.</remarks>
public static class Calibration
{
    public static (double Coverage, double MeanAbsoluteGap) Score(IReadOnlyList<CalibrationGroup> groups)
    {
        if (groups.Count == 0) throw new ArgumentException("There are no groups to check.");
        var covered = groups.Count(g => g.Low <= g.Predicted && g.Predicted <= g.High);
        var customers = groups.Sum(g => g.Customers);
        var gap = customers == 0 ? groups.Average(g => Math.Abs(g.Predicted - g.Observed))
            : groups.Sum(g => g.Customers * Math.Abs(g.Predicted - g.Observed)) / customers;
        return ((double)covered / groups.Count, gap);
    }
}
