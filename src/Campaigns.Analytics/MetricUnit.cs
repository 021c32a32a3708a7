using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

/// <summary>What a metric's values are, so every page writes its means and lifts the same way.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricUnit>))]
public enum MetricUnit
{
    /// <summary>A plain number.</summary>
    Number,
    /// <summary>A share of units (a rate): means in percent, differences in percentage points.</summary>
    Share,
    /// <summary>An amount in the store's currency.</summary>
    Money,
}
