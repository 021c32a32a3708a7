using System.ComponentModel.DataAnnotations;

namespace Campaigns.Web.Features.Integration;

/// <summary>
/// How many event batches this instance works on at once (<c>Ingestion:</c> in configuration). Parsing and storing a
/// batch of 10,000 events takes a core for a while, and the event writer stores one batch at a time anyway: without a
/// bound, a burst of senders takes every core and pages wait. Batches past the queue are answered 503 with Retry-After,
/// which senders already honour for a busy database.
/// </summary>
public sealed class IngestionLimits
{
    public const string Section = "Ingestion";

    /// <summary>Batches parsed and stored at once.</summary>
    [Range(1, 64)]
    public int ConcurrentBatches { get; set; } = 2;

    /// <summary>Batches that wait for a turn (their bodies not yet read) before further ones are refused.</summary>
    [Range(0, 1000)]
    public int QueuedBatches { get; set; } = 8;

    /// <summary>What a refused sender is told to wait, in seconds.</summary>
    [Range(1, 60)]
    public int RetryAfterSeconds { get; set; } = 1;
}
