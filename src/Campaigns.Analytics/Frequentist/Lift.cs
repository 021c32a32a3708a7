namespace Campaigns.Analytics;

/// <summary>A closed interval; never built from NaN or infinite bounds.</summary>
public sealed record Interval(double Low, double High)
{
    public bool Contains(double x) => Low <= x && x <= High;
}

/// <summary>Treatment minus control (absolute, in metric units) and treatment ÷ control − 1 (relative), with intervals.</summary>
/// <remarks>Relative values are null when the control mean is zero (the ratio is undefined).</remarks>
public sealed record LiftEstimate(double Absolute, Interval AbsoluteInterval, double? Relative, Interval? RelativeInterval);
