using Campaigns.Domain.Audiences;

namespace Campaigns.Application.Experiments;

/// <summary>The promotion's effect within one cell of the audience: treated against the holdout drawn from the same cell.</summary>
public sealed record CellLift(AudienceCell Cell, long ControlUnits, long TreatedUnits, double ControlRate, double TreatedRate, double Lift, double Low, double High);
