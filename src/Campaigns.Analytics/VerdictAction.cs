using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

/// <summary>What an experiment's results tell a manager to do, in the order <see cref="VerdictRule"/> checks them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerdictAction>))]
public enum VerdictAction
{
    /// <summary>No unit has been exposed yet.</summary>
    NoTraffic,
    /// <summary>Traffic did not split as planned: no figure can be trusted until that is explained.</summary>
    CheckSampleRatio,
    /// <summary>The primary metric cannot be compared yet (too few units in an arm).</summary>
    NotEnoughData,
    /// <summary>A guardrail metric is significantly worse in the leading arm.</summary>
    DoNotShip,
    /// <summary>The primary metric improved significantly and no guardrail fell.</summary>
    Ship,
    /// <summary>The primary metric is significantly worse.</summary>
    Stop,
    /// <summary>Nothing significant either way.</summary>
    NoClearWinner,
}
