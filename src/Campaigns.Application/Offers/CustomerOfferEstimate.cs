using Campaigns.Analytics.Offers;
using Campaigns.Ml.Offers;

namespace Campaigns.Application.Offers;

/// <summary>One offer for one customer: the model's estimate and the features that move its expected incremental profit most.</summary>
public sealed record CustomerOfferEstimate(CandidateOffer Offer, OfferOption Estimate, IReadOnlyList<OfferDriver> Drivers);
