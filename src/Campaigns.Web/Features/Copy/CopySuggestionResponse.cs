namespace Campaigns.Web.Features.Copy;

/// <param name="ElapsedMs">Generating and ranking, as the panel shows it; the request's own time adds the database work.</param>
public sealed record CopySuggestionResponse(Guid RequestId, string Models, double ElapsedMs, IReadOnlyList<SuggestedCopy> Candidates);
