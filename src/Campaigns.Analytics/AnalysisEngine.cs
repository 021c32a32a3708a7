using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

[JsonConverter(typeof(JsonStringEnumConverter<AnalysisEngine>))]
public enum AnalysisEngine
{
    /// <summary>Fixed-horizon tests: read once, at the planned sample size.</summary>
    Frequentist,
    /// <summary>Posterior chance to beat control and expected loss.</summary>
    Bayesian,
    /// <summary>Always-valid confidence sequences: safe to read after every batch.</summary>
    Sequential,
}
