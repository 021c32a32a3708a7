namespace Campaigns.Domain.Audiences;

/// <summary>
/// Who a campaign is sent to: the customers its rules let through, narrowed by the uplift model, with their
/// expected effect as the model saw it when the audience was built. The assignment API admits only its members;
/// the experiment's holdout is drawn from them, so the campaign's lift is measured on the audience itself.
/// </summary>
public sealed class Audience : Entity
{
    public Guid CampaignId { get; set; }
    public string RulesJson { get; set; } = "{}";
    public AudienceSelection Selection { get; set; }
    public double? TopPercent { get; set; }
    public double? UpliftThreshold { get; set; }
    public decimal? Budget { get; set; }
    /// <summary>Share of eligible customers drawn at random as a second, untargeted cell (0 = none).</summary>
    public double RandomCellShare { get; set; }
    /// <summary>Whether a purchase the promotion causes also counted the customer's retention value (churn risk × predicted value).</summary>
    public bool WeighRetention { get; set; }
    public Guid? ModelVersionId { get; set; }
    public int Eligible { get; set; }
    public int Targeted { get; set; }
    public int RandomCell { get; set; }
    /// <summary>Eligible customers the model expects the promotion to put off (negative effect), left out.</summary>
    public int PutOff { get; set; }
    /// <summary>Eligible customers left out because contact rules cap them (planned in other campaigns that keep them).</summary>
    public int ContactCapped { get; set; }
    public double ExpectedConversions { get; set; }
    public double ExpectedConversionsLow { get; set; }
    public double ExpectedConversionsHigh { get; set; }
    public double ExpectedProfit { get; set; }
    public double ExpectedProfitLow { get; set; }
    public double ExpectedProfitHigh { get; set; }
    public double ExpectedCost { get; set; }
    /// <summary>Profit by audience size along the ranking, as JSON points, for the cost curve.</summary>
    public string CurveJson { get; set; } = "[]";
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
