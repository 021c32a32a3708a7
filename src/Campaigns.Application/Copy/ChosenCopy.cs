using Campaigns.Domain.Copy;

namespace Campaigns.Application.Copy;

/// <summary>Copy chosen for a campaign (an arm of its experiment at launch); email copy may carry a body under its subject line.</summary>
/// <param name="SuggestionId">The suggestion the line came from; with <paramref name="BodySuggestionId"/>, what the panel shows as picked.</param>
public sealed record ChosenCopy(Guid Id, string Headline, string? Body, CopySource Source, double? PredictedCtr, string? ApprovedBy,
    Guid? SuggestionId, Guid? BodySuggestionId);
