using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome { Inconclusive, Improvement, Regression, NotEnoughData }
