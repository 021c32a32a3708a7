using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Experiments;

public enum ExperimentStatus { Planned, Running, Stopped }

/// <summary>How results are read: fixed-horizon tests, Bayesian chance to win, or sequential tests safe under peeking.</summary>
public enum StatsEngine { Frequentist, Bayesian, Sequential }

/// <summary>What a Manager decided after reading the results.</summary>
public enum ExperimentDecision { None, Ship, Stop, Extend }

/// <summary>
/// How the treated arms share the traffic beside the holdout: as launched, or re-weighted by Thompson sampling from
/// the arms' conversions (copy arms; the holdout's share never moves, so it keeps measuring the campaign's lift).
/// </summary>
public enum TrafficAllocation { Fixed, Thompson }

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
    /// <summary>The engine results are read with; sequential by default because managers look at results daily.</summary>
    public StatsEngine Engine { get; set; } = StatsEngine.Sequential;
    public ExperimentDecision Decision { get; private set; }
    public string? DecisionComment { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    /// <summary>Set when the results were imported from a campaign run outside the app.</summary>
    public bool IsHistorical { get; set; }
    public List<Arm> Arms { get; set; } = [];
    public TrafficAllocation Traffic { get; set; }
    /// <summary>When a Thompson-sampled test stopped exploring: its leading arm has taken all the treated traffic since.</summary>
    public DateTime? ExplorationStoppedAt { get; private set; }

    /// <summary>Whether the bandit still re-weights this experiment.</summary>
    public bool IsExploring => Traffic == TrafficAllocation.Thompson && Status == ExperimentStatus.Running && ExplorationStoppedAt is null;

    /// <summary>
    /// The treated arms, in their order, get these shares of the treated traffic; the holdout keeps its share. When
    /// exploration stops the shares are final. Customers already assigned keep their arm (assignments are stored).
    /// </summary>
    public void Reallocate(IReadOnlyList<double> treatedShares, bool stopExploring, DateTime at)
    {
        if (!IsExploring) throw new DomainException("Only a running experiment that is still exploring is re-weighted.");
        var treated = TreatedArms;
        if (treatedShares.Count != treated.Count || treatedShares.Any(s => s < 0 || !double.IsFinite(s)) || Math.Abs(treatedShares.Sum() - 1) > 1e-9)
            throw new DomainException("Give one share of 0 or more per treated arm, adding up to 1.");
        var treatedTotal = treated.Sum(a => a.Allocation);
        for (var k = 0; k < treated.Count; k++) treated[k].Allocation = treatedTotal * treatedShares[k];
        if (stopExploring) ExplorationStoppedAt = at;
    }

    /// <summary>Every arm but the holdout, in order.</summary>
    public IReadOnlyList<Arm> TreatedArms => Arms.Where(a => !a.IsControl).OrderBy(a => a.Position).ToList();

    /// <summary>Records a Manager's decision; shipping or stopping ends the experiment, extending keeps it running.</summary>
    public void Decide(ExperimentDecision decision, string manager, string? comment)
    {
        if (decision == ExperimentDecision.None) throw new DomainException("Choose ship, stop or extend.");
        // A ship is the decision most often revisited, so it needs its reason as much as a stop does.
        if (decision == ExperimentDecision.Ship && string.IsNullOrWhiteSpace(comment))
            throw new DomainException("Say why you ship it (what the results show), so the team can learn from it.");
        if (string.IsNullOrWhiteSpace(comment))
            throw new DomainException("Say why you stop or extend the experiment, so the team can learn from it.");
        Decision = decision;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        DecidedBy = manager;
        DecidedAt = DateTime.UtcNow;
        if (decision is ExperimentDecision.Ship or ExperimentDecision.Stop && Status == ExperimentStatus.Running)
        {
            Status = ExperimentStatus.Stopped;
            EndedAt = DecidedAt;
        }
    }

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
    /// <summary>
    /// The arm whose customers each get the offer the campaign's saved audience chose for them
    /// (<c>AudienceMember.OfferPosition</c>, possibly none) rather than one offer for all.
    /// </summary>
    public bool IsModelChoice { get; set; }

    /// <summary>The terms this arm offers: its own override, else the campaign's (for the control: what its experiment was about).</summary>
    public Promotion Offer(Promotion campaignPromotion) =>
        PromotionOverrideJson is { Length: > 0 } json ? JsonSerializer.Deserialize<Promotion>(json) ?? campaignPromotion : campaignPromotion;

    public void OverridePromotion(Promotion promotion) => PromotionOverrideJson = JsonSerializer.Serialize(promotion);
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
