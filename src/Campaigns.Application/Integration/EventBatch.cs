using System.Text.Json;

namespace Campaigns.Application.Integration;

/// <summary>POST /api/events body: up to 10,000 events.</summary>
public sealed record EventBatch(List<JsonElement>? Events);
