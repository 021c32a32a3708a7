using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>A Manager's pending decision, with the candidate's and the current version's main metric side by side.</summary>
public sealed record PendingSignOff(
    Guid Id, ModelKind Kind, int Version, string Learner, string RequestedBy, string Reason, DateTime RequestedAt,
    double? CandidateMetric, int? CurrentVersion, double? CurrentMetric);
