using Campaigns.Domain.Copy;

namespace Campaigns.Application.Copy;

/// <summary>One click on "Suggest": the candidates, the versions that made them, and how long it took.</summary>
/// <param name="Elapsed">How long generating and ranking took; null for a batch read back later (that is not stored).</param>
public sealed record SuggestionBatch(Guid RequestId, IReadOnlyList<ShownSuggestion> Candidates, string Models, TimeSpan? Elapsed, Tone Tone, DateTime ShownAt);
