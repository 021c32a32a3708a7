namespace Campaigns.Domain.Auditing;

/// <summary>Who did what to which record, kept forever.</summary>
public sealed class AuditEntry : Entity
{
    public DateTime At { get; set; } = DateTime.UtcNow;
    public required string User { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Details { get; set; }
}
