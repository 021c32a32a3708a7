namespace Campaigns.Application.Integration;

/// <summary>The arm of an assignment, and whether it is the control (which shows nothing).</summary>
public sealed record AssignedArm(Guid Id, string Name, bool IsControl);
