using System.Globalization;
using System.Text.Json;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Campaigns.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Integration;

/// <summary>
/// Stores a batch of exposure, click and conversion events. Each row is checked on its own: invalid rows are
/// reported by row number and the valid ones kept; an event id already stored is skipped, so resending a
/// batch stores it once. Lookups are done per batch, in chunks, never per row.
/// </summary>
public sealed class EventIngestion(IDbContextFactory<CampaignsDbContext> dbFactory, IngestionLookups lookups, EventWriter writer)
{
    public const int MaxBatch = 10_000;

    /// <summary>Largest body of a batch, as sent or decompressed: 10,000 events of about 1.6 KB each.</summary>
    public const long MaxBodyBytes = 16L * 1024 * 1024;

    /// <summary>How far ahead of this server's clock a sender's timestamp may be (its clock runs fast).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Most revenue one conversion may carry: far above any basket, far below what would wreck a sum.</summary>
    public const decimal MaxRevenue = 1_000_000m;

    private sealed record Parsed(int Row, string EventId, string CustomerKey, Guid CampaignId, EventType Type, DateTime OccurredAt, decimal Revenue);

    public async Task<IngestionResult> IngestAsync(IReadOnlyList<JsonElement> rows, CancellationToken ct)
    {
        var rejected = new List<RejectedEvent>();
        var parsed = new List<Parsed>(rows.Count);
        var seenInBatch = new HashSet<string>(StringComparer.Ordinal);
        var duplicateRows = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, errors) = Parse(i + 1, rows[i]);
            if (errors.Count > 0) rejected.Add(new RejectedEvent(i + 1, EventIdOf(rows[i]), errors));
            else if (!seenInBatch.Add(row!.EventId)) duplicateRows.Add(i + 1);
            else parsed.Add(row);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiments = await lookups.ExperimentsAsync(db, parsed.Select(p => p.CampaignId), ct);
        var customers = await lookups.CustomersAsync(db, parsed.Select(p => p.CustomerKey), ct);
        var arms = await lookups.ArmsAsync(db, parsed
            .Where(p => experiments.ContainsKey(p.CampaignId) && customers.ContainsKey(p.CustomerKey))
            .Select(p => (experiments[p.CampaignId].Id, customers[p.CustomerKey])), ct);

        var events = new List<ExperimentEvent>(parsed.Count);
        var rowOf = new List<int>(parsed.Count);
        var latest = DateTime.UtcNow + ClockSkew;
        foreach (var p in parsed)
        {
            string? error = null;
            if (!experiments.TryGetValue(p.CampaignId, out var experiment)) error = $"campaignId: no launched campaign has id {p.CampaignId}";
            // Only a live campaign takes events: a finished one's results are final.
            else if (!experiment.Live) error = $"campaignId: campaign {p.CampaignId} is {experiment.CampaignStatus}; events are accepted only while it is live";
            else if (p.OccurredAt < experiment.StartedAt)
                error = $"timestamp: {p.OccurredAt:yyyy-MM-ddTHH:mm:ssZ} is before the campaign's experiment started ({experiment.StartedAt:yyyy-MM-ddTHH:mm:ssZ})";
            else if (p.OccurredAt > latest) error = $"timestamp: {p.OccurredAt:yyyy-MM-ddTHH:mm:ssZ} is in the future (more than {ClockSkew.TotalMinutes:0} minutes ahead of the server's clock)";
            else if (!customers.TryGetValue(p.CustomerKey, out var customerId)) error = $"customerId: no customer has id '{p.CustomerKey}'";
            else if (!arms.TryGetValue((experiment.Id, customerId), out var armId)) error = $"customerId: '{p.CustomerKey}' is not assigned to this campaign; call POST /api/assignments first";
            else
            {
                events.Add(new ExperimentEvent { EventKey = p.EventId, ExperimentId = experiment.Id, CustomerId = customerId, ArmId = armId, Type = p.Type, OccurredAt = p.OccurredAt, Revenue = p.Revenue });
                rowOf.Add(p.Row);
                continue;
            }
            rejected.Add(new RejectedEvent(p.Row, p.EventId, [error]));
        }

        // The insert reports which event ids were new; the others were already stored.
        var inserted = await writer.InsertNewAsync(events, ct);
        for (var i = 0; i < events.Count; i++)
            if (!inserted.Contains(events[i].EventKey)) duplicateRows.Add(rowOf[i]);
        var accepted = inserted.Count;
        duplicateRows.Sort();
        rejected.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new IngestionResult(rows.Count, accepted, duplicateRows.Count, duplicateRows, rejected);
    }

    private static (Parsed? Row, List<string> Errors) Parse(int row, JsonElement e)
    {
        var errors = new List<string>();
        if (e.ValueKind != JsonValueKind.Object) return (null, ["the row is not a JSON object"]);
        var eventId = ExternalIds.Check("eventId", Text(e, "eventId"), errors);
        var customer = ExternalIds.Check("customerId", Text(e, "customerId"), errors);
        var campaignText = Text(e, "campaignId");
        if (!Guid.TryParse(campaignText, out var campaignId)) errors.Add(campaignText is null ? "campaignId: required" : $"campaignId: '{Excerpt.Of(campaignText)}' is not a GUID");
        var typeText = Text(e, "type");
        EventType type = default;
        if (typeText is null || !Enum.TryParse(typeText, ignoreCase: true, out type) || !Enum.IsDefined(type) || int.TryParse(typeText, out _))
            errors.Add($"type: must be exposure, click or conversion{(typeText is null ? "" : $" (got '{Excerpt.Of(typeText)}')")}");
        var timeText = Text(e, "timestamp");
        var occurredAt = default(DateTime);
        if (timeText is null) errors.Add("timestamp: required (ISO 8601, e.g. 2026-11-20T10:00:00Z)");
        else if (!TryParseTimestamp(timeText, out var at))
            errors.Add($"timestamp: '{Excerpt.Of(timeText)}' is not an ISO 8601 date and time");
        else occurredAt = at.UtcDateTime;
        decimal revenue = 0;
        if (e.TryGetProperty("revenue", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            var ok = r.ValueKind == JsonValueKind.Number ? r.TryGetDecimal(out revenue)
                : r.ValueKind == JsonValueKind.String && decimal.TryParse(r.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out revenue);
            if (!ok) errors.Add($"revenue: '{Excerpt.Of(r.ToString())}' is not a number");
            else if (revenue < 0) errors.Add("revenue: cannot be negative");
            else if (revenue > MaxRevenue) errors.Add($"revenue: at most {MaxRevenue:N0} per event");
            else if (revenue > 0 && type != EventType.Conversion && errors.Count == 0) errors.Add("revenue: only conversions carry revenue");
        }
        return errors.Count > 0 ? (null, errors) : (new Parsed(row, eventId!, customer!, campaignId, type, occurredAt, revenue), errors);
    }

    /// <summary>ISO 8601; the round-trip form senders usually use is parsed on a fast path.</summary>
    private static bool TryParseTimestamp(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)
        || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    private static string? EventIdOf(JsonElement e) => e.ValueKind == JsonValueKind.Object && Text(e, "eventId") is { } id ? Excerpt.Of(id) : null;

    private static string? Text(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
}
