namespace Campaigns.Application.Experiments;

/// <summary>Predicted against observed uplift for one tenth of the targeted customers, best-ranked first.</summary>
public sealed record DecileLift(int Decile, long ControlUnits, long TreatedUnits, double Predicted, double Observed, double Low, double High);
