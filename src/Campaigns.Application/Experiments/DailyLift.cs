namespace Campaigns.Application.Experiments;

/// <summary>An arm's cumulative conversion lift over control up to a day, with its interval.</summary>
public sealed record DailyLift(DateTime Day, string Arm, double Lift, double Low, double High);
