namespace Campaigns.Application.Targeting;

/// <summary>The stored version, and whether it became current.</summary>
public sealed record TrainingReport(Guid VersionId, int Version, string Learner, bool Promoted, string Decision, double QiniCoefficient);

