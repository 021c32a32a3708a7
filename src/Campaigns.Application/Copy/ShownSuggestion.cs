using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>A candidate as the panel shows it: the stored suggestion's id, its text, the ranker's prediction and the tone it reads as.</summary>
/// <param name="Prediction">The ranker's; none for email bodies, which are shown in the generator's order.</param>
/// <param name="Tone">The current tone classifier's reading of the text; none while no classifier is trained.</param>
public sealed record ShownSuggestion(Guid Id, int Rank, string Text, CtrPrediction? Prediction, TonePrediction? Tone);
