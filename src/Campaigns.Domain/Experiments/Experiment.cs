using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Domain.Experiments;

public enum ExperimentStatus { Planned, Running, Stopped }

/// <summary>The randomized test behind a campaign: arms with allocations, one of them control or holdout.</summary>
public sealed class Experiment : Entity
{
    public Guid CampaignId { get; set; }
    public required string Name { get; set; }
    /// <summary>Salt of the assignment hash, so two experiments split the same customers independently.</summary>
    public string Salt { get; set; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    public ExperimentStatus Status { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public bool SequentialTesting { get; set; } = true;
    /// <summary>Set when the results were imported from a campaign run outside the app.</summary>
    public bool IsHistorical { get; set; }
    public List<Arm> Arms { get; set; } = [];

    /// <summary>
    /// Deterministic arm for a customer: a salted hash mapped onto the cumulative allocation, so the same
    /// customer always lands in the same arm on any instance, even before the first assignment is stored.
    /// </summary>
    public Arm PickArm(string customerKey)
    {
        if (Arms.Count == 0) throw new DomainException("The experiment has no arms.");
        var total = Arms.Sum(a => a.Allocation);
        if (total <= 0) throw new DomainException("The arms' allocations must add up to more than zero.");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Salt}:{customerKey}"));
        var unit = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
        var point = unit * total;
        var cumulative = 0.0;
        foreach (var arm in Arms.OrderBy(a => a.Position))
        {
            cumulative += arm.Allocation;
            if (point < cumulative) return arm;
        }
        return Arms.OrderBy(a => a.Position).Last();
    }
}

public sealed class Arm : Entity
{
    public Guid ExperimentId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
    /// <summary>Share of traffic (weights; need not sum to 1).</summary>
    public double Allocation { get; set; }
    /// <summary>The control receives no promotion; results compare every other arm with it.</summary>
    public bool IsControl { get; set; }
    /// <summary>Promotion terms of this arm when they differ from the campaign's (multi-arm offers), as JSON.</summary>
    public string? PromotionOverrideJson { get; set; }
    public Guid? CopyVariantId { get; set; }
}

public sealed class Assignment : Entity
{
    public Guid ExperimentId { get; set; }
    public Guid ArmId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime AssignedAt { get; set; }
}

public enum EventType { Exposure, Click, Conversion }

/// <summary>
/// An exposure, click or conversion reported by a storefront or sender. Keyed by the sender's own event id,
/// which makes ingestion idempotent and spares the events table (the largest) a second unique index.
/// </summary>
public sealed class ExperimentEvent
{
    public required string EventKey { get; set; }
    public Guid ExperimentId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? ArmId { get; set; }
    public EventType Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public decimal Revenue { get; set; }
}
