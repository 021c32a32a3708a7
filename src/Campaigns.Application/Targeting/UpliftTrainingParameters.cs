using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Targeting;

/// <summary>What an Admin (or the API) chooses for an uplift training run.</summary>
public sealed class UpliftTrainingParameters
{
    public UpliftLearner Learner { get; set; } = UpliftLearner.Auto;
    public TargetingOutcome Outcome { get; set; } = TargetingOutcome.Conversion;
}
