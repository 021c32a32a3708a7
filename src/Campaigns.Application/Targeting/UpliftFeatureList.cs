using System.Text.Json;

namespace Campaigns.Application.Targeting;

/// <summary>
/// A version's features as the Models page lists them (<c>ModelVersion.FeaturesJson</c>): a description written from
/// the trained model; scoring reads the schema from the artifact's manifest, not from here.
/// </summary>
public sealed record UpliftFeatureList(IReadOnlyList<string> Numeric, IReadOnlyList<string> Categorical, IReadOnlyList<AttributeFeature>? Attributes = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, UpliftModelMetrics.Json);

    /// <summary>The stored list, or null when it is missing or unreadable.</summary>
    public static UpliftFeatureList? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<UpliftFeatureList>(json, UpliftModelMetrics.Json); }
        catch (JsonException) { return null; }
    }
}

