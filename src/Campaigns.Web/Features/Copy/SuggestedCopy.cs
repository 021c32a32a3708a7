using Campaigns.Ml.Copy;

namespace Campaigns.Web.Features.Copy;

/// <summary>One candidate over HTTP: its stored id (to pick it in the editor), its text and the ranker's prediction with the words that moved it.</summary>
public sealed record SuggestedCopy(Guid Id, int Rank, string Text, double? PredictedCtr, double? Low, double? High,
    IReadOnlyList<WordEffect> WordsUp, IReadOnlyList<WordEffect> WordsDown);
