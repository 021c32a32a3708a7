namespace Campaigns.Domain.Copy;

/// <summary>A word or phrase generated copy must never use (managed by Admins).</summary>
public sealed class BannedPhrase : Entity
{
    public required string Phrase { get; set; }
    public required string AddedBy { get; set; }
    public DateTime AddedAt { get; set; } = DateTime.UtcNow;
}
