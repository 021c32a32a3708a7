using System.Text.Json;
using Campaigns.Application.Targeting;
using Campaigns.Ml.Offers;

namespace Campaigns.Application.Offers;

/// <summary>
/// Everything stored with an offer model version: the candidates' cross-validated profit, the choice, and the chosen
/// model's out-of-fold evaluation on the past experiments' randomized customers (policy values and the cost curve), by
/// the model's <see cref="Arms"/> (0: no offer).
/// </summary>
public sealed record OfferModelMetrics(IReadOnlyList<string> Arms, string Chosen, IReadOnlyList<OfferCandidateScore> Candidates, int Experiments, int TrainingRows,
    int EvaluationRows, OfferEvaluation Evaluation, string Decision)
{
    public string ToJson() => JsonSerializer.Serialize(this, UpliftModelMetrics.Json);

    public static OfferModelMetrics? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<OfferModelMetrics>(json, UpliftModelMetrics.Json); }
        catch (JsonException) { return null; }
    }
}
