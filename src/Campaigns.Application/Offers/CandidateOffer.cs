using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Offers;

/// <summary>One of a campaign's offers: its place among them (0 = the main promotion), its name in words and its terms.</summary>
public sealed record CandidateOffer(int Position, string Name, Promotion Terms);
