using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Offers;

/// <summary>What an Admin (or the API) chooses for an offer model's training run.</summary>
public sealed class OfferTrainingParameters
{
    public UpliftLearner Learner { get; set; } = UpliftLearner.Auto;
}
