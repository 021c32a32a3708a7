using Campaigns.Ml.Copy;

namespace Campaigns.Web.Features.Copy;

/// <summary>
/// One candidate over HTTP: its stored id (to pick it in the editor), its text, the ranker's prediction with the words that
/// moved it, and the tone it reads as to the current tone classifier with its probability (null while none is trained).
/// </summary>
public sealed record SuggestedCopy(Guid Id, int Rank, string Text, double? PredictedCtr, double? Low, double? High,
    IReadOnlyList<WordEffect> WordsUp, IReadOnlyList<WordEffect> WordsDown, string? ReadsAs, double? ToneProbability);
