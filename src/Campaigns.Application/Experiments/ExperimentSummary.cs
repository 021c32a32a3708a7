using Campaigns.Analytics;
using Campaigns.Domain.Experiments;

namespace Campaigns.Application.Experiments;

/// <summary>An experiment as lists and the dashboard show it.</summary>
/// <param name="Engine">The engine every figure comes from: the results page's default, at <paramref name="ConfidenceLevel"/>.</param>
public sealed record ExperimentSummary(Guid Id, Guid CampaignId, string Name, ExperimentStatus Status, DateTime? StartedAt, DateTime? EndedAt,
    AnalysisEngine Engine, double ConfidenceLevel, IReadOnlyList<ArmResult> Arms, string Headline);
