using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Targeting;

public sealed record TrainingRequest(UpliftLearner Learner = UpliftLearner.Auto, TargetingOutcome Outcome = TargetingOutcome.Conversion, int? Threads = null);

