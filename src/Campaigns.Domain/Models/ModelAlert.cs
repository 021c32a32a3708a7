namespace Campaigns.Domain.Models;

/// <summary>A flag on a model raised by monitoring (drift or calibration beyond the Admin's thresholds), shown on the dashboard until cleared.</summary>
public sealed class ModelAlert : Entity
{
    public ModelKind Kind { get; set; }
    public Guid? ModelVersionId { get; set; }
    public required string Reason { get; set; }
    public DateTime RaisedAt { get; set; } = DateTime.UtcNow;
    /// <summary>The retraining the alert enqueued, if one could be.</summary>
    public Guid? RetrainRunId { get; set; }
    public DateTime? ClearedAt { get; set; }
    public string? ClearedBy { get; set; }
}
