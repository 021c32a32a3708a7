namespace Campaigns.Domain.Customers;

/// <summary>
/// What one scoring found across all customers: how many in each churn band and in each persona. Kept per scoring (the
/// scores themselves are replaced), so the dashboard can say how customers moved since a month ago.
/// </summary>
public sealed class CustomerScoreSnapshot : Entity
{
    public DateTime TakenAt { get; set; }
    public Guid ModelVersionId { get; set; }
    public int Customers { get; set; }
    public int LowRisk { get; set; }
    public int MediumRisk { get; set; }
    public int HighRisk { get; set; }
    /// <summary>Persona name → customers, as a JSON object.</summary>
    public string PersonasJson { get; set; } = "{}";
}
