namespace Campaigns.Analytics.Customers;

/// <summary>
/// A predicted-spend model judged on actual spend: mean absolute error, and the share of all actual spend made by the
/// 20% of customers it predicted to be worth most (1 would be a perfect ranking of the top fifth's spend).
/// </summary>
public sealed record ValueQuality(int Rows, double MeanAbsoluteError, double TopFifthCapture, double ActualTotal, double PredictedTotal)
{
    public static ValueQuality Evaluate(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        var n = predicted.Length;
        if (n == 0 || actual.Length != n) throw new ArgumentException("Predictions and outcomes must be non-empty and of the same length.");
        double error = 0, total = 0, predictedTotal = 0;
        for (var i = 0; i < n; i++) { error += Math.Abs(predicted[i] - actual[i]); total += actual[i]; predictedTotal += predicted[i]; }
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = new double[n];
        for (var i = 0; i < n; i++) keys[i] = -predicted[i];
        Array.Sort(keys, order);
        var top = (int)Math.Ceiling(n * 0.2);
        double captured = 0;
        for (var k = 0; k < top; k++) captured += actual[order[k]];
        return new ValueQuality(n, error / n, total > 0 ? captured / total : 0, total, predictedTotal);
    }
}
