using System.Text.Json;
using Campaigns.Analytics.Uplift;
using Campaigns.Application.Models;
using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Targeting;

/// <summary>Everything stored with an uplift model version: how it was chosen and how it did on held-out customers.</summary>
public sealed record UpliftModelMetrics(
    TargetingOutcome Outcome, string Chosen, IReadOnlyList<CandidateScore> Candidates, int Experiments,
    int TrainingRows, int ValidationRows, UpliftEvaluation Validation, string Decision, IReadOnlyList<FeatureProfile>? Features = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static UpliftModelMetrics? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<UpliftModelMetrics>(json, Json); }
        catch (JsonException) { return null; }
    }
}

