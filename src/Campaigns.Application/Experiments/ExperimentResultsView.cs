using Campaigns.Analytics;
using Campaigns.Domain.Experiments;

namespace Campaigns.Application.Experiments;

/// <summary>Everything the results page, the API, the CSV and the command line show of an experiment, for one set of options.</summary>
public sealed record ExperimentResultsView(Guid ExperimentId, Guid CampaignId, string Name, string CampaignName, string Offer, ExperimentStatus Status,
    DateTime? StartedAt, DateTime? EndedAt, ExperimentDecision Decision, string? DecisionComment, string? DecidedBy, DateTime? DecidedAt,
    ResultsOptions Options, double? RevenueCap, ExperimentReport Report, IReadOnlyList<ArmFigures> Arms, IReadOnlyList<Guardrails> Guardrails,
    PowerProgress? Power, IReadOnlyList<DailyLift> Daily, IReadOnlyList<SegmentResult> Segments, Verdict Verdict, string Headline);
