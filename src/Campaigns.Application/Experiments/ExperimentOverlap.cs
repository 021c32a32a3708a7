using Campaigns.Analytics;

namespace Campaigns.Application.Experiments;

/// <summary>Another experiment that exposed some of the same customers at the same time, and the interaction check of the two.</summary>
public sealed record ExperimentOverlap(Guid ExperimentId, string Name, InteractionResult Result);
