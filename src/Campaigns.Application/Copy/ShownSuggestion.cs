using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>A candidate as the panel shows it: the stored suggestion's id, its text and the ranker's prediction.</summary>
/// <param name="Prediction">The ranker's; none for email bodies, which are shown in the generator's order.</param>
public sealed record ShownSuggestion(Guid Id, int Rank, string Text, CtrPrediction? Prediction);
