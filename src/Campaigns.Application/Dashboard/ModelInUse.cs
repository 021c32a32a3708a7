using Campaigns.Domain.Models;

namespace Campaigns.Application.Dashboard;

/// <summary>A model kind's current version, if any, with the reason monitoring flagged it.</summary>
public sealed record ModelInUse(ModelKind Kind, int? Version, string? Learner, DateTime? PromotedAt, string? Alert);
