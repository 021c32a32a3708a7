namespace Campaigns.Analytics.Uplift;

// scikit-uplift uplift_at_k, strategy 'overall': among the first ⌊k·n⌋ rows of the ranking, mean treated outcome − mean
// control outcome. Where sklift returns NaN (an arm absent from the top rows, or no row at all) this returns 0.
public static class UpliftAtK
{
    /// <summary>The k values reported by <see cref="UpliftMetrics.Evaluate"/>, in percent.</summary>
    public static readonly IReadOnlyList<int> Percents = [10, 20, 30];

    /// <summary>⌊n·k⌋ computed in floating point exactly as sklift's <c>int(n_samples * k)</c>.</summary>
    public static int Size(int rows, int percent) => (int)(rows * (percent / 100.0));

    public static double Value(int treated, double treatedOutcome, int control, double controlOutcome) =>
        treated > 0 && control > 0 ? treatedOutcome / treated - controlOutcome / control : 0;
}
