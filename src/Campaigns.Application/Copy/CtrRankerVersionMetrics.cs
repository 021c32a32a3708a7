using System.Text.Json;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>Stored with a CTR ranker version: held-out AUC and log-loss with the length-only and base-rate baselines.</summary>
public sealed record CtrRankerVersionMetrics(CtrRankerMetrics Ranker, int Headlines, string Decision)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
}

