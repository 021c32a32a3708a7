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
    /// <summary>
    /// The offer the audience's plan gives this customer, as a position in <c>Campaign.Offers</c> (0 = the campaign's
    /// promotion, i = its i-th alternative offer), or null: no offer (and for an audience without a plan).
    /// </summary>
    public int? OfferPosition { get; set; }
}
