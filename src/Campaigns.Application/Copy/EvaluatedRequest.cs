using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>
/// One request of the evaluation (a campaign, channel and tone) and its regenerate: the candidates checked, how the
/// generator got them, and the second request made with the first one's lines shown, as the app's "Regenerate" does.
/// </summary>
/// <param name="Seconds">Generating and ranking the first request.</param>
/// <param name="NovelSamples">Share of the generator's finished samples that were not training lines, before any filter.</param>
/// <param name="Regenerated">The second request's lines.</param>
/// <param name="RegeneratedNew">How many of them were not among the first request's.</param>
public sealed record EvaluatedRequest(string Campaign, CopyChannel Channel, Tone Tone, IReadOnlyList<CandidateCheck> Candidates, int Samples,
    double Seconds, double GeneratingSeconds, IReadOnlyDictionary<string, int> Dropped, bool TimedOut, double NovelSamples, int Regenerated, int RegeneratedNew)
{
    public double Distinct2 => CopyDiversity.Distinct2(Candidates.Select(c => c.Text));
}
