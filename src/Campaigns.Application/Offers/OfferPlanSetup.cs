using Campaigns.Application.Models;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Offers;

/// <summary>
/// What the offer plan starts from: the campaign, its offers, the current offer model (null: none, and
/// <see cref="WhyNoModel"/> says why) and the regions to pick from.
/// </summary>
public sealed record OfferPlanSetup(Campaign Campaign, IReadOnlyList<CandidateOffer> Offers, ModelInfo? Model, IReadOnlyList<string> Regions, string? WhyNoModel);
