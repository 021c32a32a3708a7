namespace Campaigns.Domain.Experiments;

/// <summary>
/// One arm of a Thompson-sampled experiment at one re-weighting: its share of all traffic from then on, the
/// conversions it was judged on, its posterior chance of being the best arm and the expected loss of choosing it.
/// </summary>
public sealed class ArmAllocationSnapshot : Entity
{
    public Guid ExperimentId { get; set; }
    public Guid ArmId { get; set; }
    public DateTime TakenAt { get; set; }
    public double Share { get; set; }
    public long Units { get; set; }
    public long Converters { get; set; }
    public double ProbabilityBest { get; set; }
    public double ExpectedLoss { get; set; }
}
