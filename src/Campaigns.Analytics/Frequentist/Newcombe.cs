namespace Campaigns.Analytics;

// Newcombe, "Interval estimation for the difference between independent proportions", Stat. Med. 1998, method 10 (hybrid score):
// p₁ − p₂ − √((p₁ − l₁)² + (u₂ − p₂)²) .. p₁ − p₂ + √((u₁ − p₁)² + (p₂ − l₂)²), with (lᵢ, uᵢ) the Wilson intervals.
public static class Newcombe
{
    /// <summary>Interval of treatment rate − control rate; needs at least one trial in each arm.</summary>
    public static (double Low, double High) Difference(long treatmentSuccesses, long treatmentTrials, long controlSuccesses, long controlTrials, double confidence = 0.95)
    {
        if (treatmentTrials <= 0 || controlTrials <= 0) throw new ArgumentException("Both arms need at least one trial.");
        double p1 = (double)treatmentSuccesses / treatmentTrials, p2 = (double)controlSuccesses / controlTrials;
        var (l1, u1) = Wilson.Interval(treatmentSuccesses, treatmentTrials, confidence);
        var (l2, u2) = Wilson.Interval(controlSuccesses, controlTrials, confidence);
        var d = p1 - p2;
        return (d - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)), d + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)));
    }
}
