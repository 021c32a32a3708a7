namespace Campaigns.Analytics.Programme;

/// <summary>An estimate with the bounds of its interval.</summary>
public sealed record Interval(double Value, double Low, double High);
