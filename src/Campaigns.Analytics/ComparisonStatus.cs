using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

[JsonConverter(typeof(JsonStringEnumConverter<ComparisonStatus>))]
public enum ComparisonStatus { Ok, NotEnoughData, InvalidInput }
