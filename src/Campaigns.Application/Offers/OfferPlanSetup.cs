using Campaigns.Analytics.Offers;
using Campaigns.Application.Audiences;
using Campaigns.Application.Models;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Offers;

/// <summary>
/// What the offer plan starts from: the campaign, its offers, the current offer model (null: none, and
/// <see cref="WhyNoModel"/> says why), what its plan earned over sending nothing on customers it did not learn from
/// (<see cref="HeldOut"/>; null when not stored), and what its rules pick from.
/// </summary>
public sealed record OfferPlanSetup(Campaign Campaign, IReadOnlyList<CandidateOffer> Offers, ModelInfo? Model, RuleChoices Choices,
    string? WhyNoModel, ValueEstimate? HeldOut)
{
    /// <summary>The model's plan was not shown to beat sending nothing: its predictions are not to be taken at their word.</summary>
    public bool Unproven => HeldOut is { Low: <= 0 };

    /// <summary>What the model itself expected its plan to earn per customer over sending nothing on those same customers (null when not stored).</summary>
    public double? HeldOutProjected { get; init; }

    /// <summary>The share of an at-risk future a caused purchase keeps, as weighing retention value counts it (<see cref="Targeting.TargetingOptions.RetentionCredit"/>).</summary>
    public double RetentionCredit { get; init; }
}
