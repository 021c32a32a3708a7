using System.Text.Json;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>Stored with a copy generator version: held-out perplexity with the unigram and bigram baselines on the same split.</summary>
public sealed record CopyGeneratorVersionMetrics(CopyGeneratorMetrics Generator, int CorpusLines, string Decision)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
}

