namespace Campaigns.Domain.Models;

/// <summary>An Admin's request to make a version current although it failed its kind's bar or is worse than the current one on the main metric: a Manager must agree.</summary>
public sealed class ModelSignOff : Entity
{
    public Guid ModelVersionId { get; set; }
    public ModelKind Kind { get; set; }
    public int Version { get; set; }
    public required string RequestedBy { get; set; }
    public required string Reason { get; set; }
    public DateTime RequestedAt { get; set; } = DateTime.UtcNow;
    public SignOffStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionComment { get; set; }
    public DateTime? DecidedAt { get; set; }

    public static ModelSignOff Request(ModelVersion version, string requestedBy, string reason) =>
        new() { ModelVersionId = version.Id, Kind = version.Kind, Version = version.Version, RequestedBy = requestedBy, Reason = reason.Trim() };

    /// <summary>
    /// A Manager agrees or refuses. Four eyes: whoever asked for the promotion cannot sign it off; a refusal says why.
    /// </summary>
    /// <returns>Why the decision is refused, or null once it is recorded.</returns>
    public string? Decide(string manager, bool approve, string? comment, DateTime now)
    {
        if (Status != SignOffStatus.Pending) return "This request is no longer waiting.";
        if (FourEyes.IsAuthor(manager, RequestedBy)) return "The person who asked for the promotion cannot also sign it off.";
        if (!approve && string.IsNullOrWhiteSpace(comment)) return "Say why you refuse, so the Admin can act on it.";
        Status = approve ? SignOffStatus.Approved : SignOffStatus.Rejected;
        DecidedBy = manager;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        DecidedAt = now;
        return null;
    }
}
