using Campaigns.Application.Models;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Audiences;

/// <summary>What the audience builder starts from.</summary>
/// <param name="Model">The current targeting model; without one the audience can only be chosen by rules.</param>
/// <param name="Saved">The campaign's saved audience, if any.</param>
public sealed record AudienceSetup(Campaign Campaign, ModelInfo? Model, RuleChoices Choices, Audience? Saved)
{
    /// <summary>The share of an at-risk future a caused purchase keeps, as weighing retention value counts it (<see cref="Targeting.TargetingOptions.RetentionCredit"/>).</summary>
    public double RetentionCredit { get; init; }
}
