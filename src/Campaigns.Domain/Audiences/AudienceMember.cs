namespace Campaigns.Domain.Audiences;

/// <summary>One customer of an audience, with the model's prediction for them at build time (kept for monitoring).</summary>
public sealed class AudienceMember
{
    public Guid AudienceId { get; set; }
    public Guid CustomerId { get; set; }
    public AudienceCell Cell { get; set; }
    /// <summary>1 = the most profitable customer to target; random-cell members are ranked after the targeted ones.</summary>
    public int Rank { get; set; }
    public double PredictedUplift { get; set; }
    public double ExpectedProfit { get; set; }
}
