using Campaigns.Domain.Models;

namespace Campaigns.Application.Dashboard;

/// <summary>
/// A model kind's current version, if any, with the reason monitoring flagged it, and the newest candidate when none is
/// current (trained but below its bar or awaiting promotion: "none trained yet" would be false).
/// </summary>
public sealed record ModelInUse(ModelKind Kind, int? Version, string? Learner, DateTime? PromotedAt, string? Alert, int? Candidate);
