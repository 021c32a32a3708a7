namespace Campaigns.Analytics;

/// <summary>Conversion of one arm against control within one segment, with its p-value before and after the correction across every segment test.</summary>
public sealed record SegmentResult(string Dimension, string Segment, string Arm, long ControlUnits, long ArmUnits, double ControlRate, double ArmRate,
    double Lift, double Low, double High, double PValue, double AdjustedPValue);
