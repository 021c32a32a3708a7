using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.ContactRules;

/// <summary>
/// A cap on contact pressure set by an Admin: at most <see cref="Limit"/> contacts of a customer in any
/// <see cref="WindowDays"/> days, on one channel or across all. A contact is a customer's assignment to a treated arm
/// (not the holdout) of a campaign that is not exempt, dated when it was assigned.
/// </summary>
public sealed class ContactRule : Entity
{
    /// <summary>The longest window a rule may count over (what assignment and audience builds look back over).</summary>
    public const int MaxWindowDays = 30;

    /// <summary>The channel the rule counts and caps; null: every channel together.</summary>
    public Channel? Channel { get; set; }
    public int Limit { get; set; }
    public int WindowDays { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Whether contacts on <paramref name="channel"/> count against this rule (and are capped by it).</summary>
    public bool Covers(Channel channel) => Channel is null || Channel == channel;

    /// <summary>
    /// Whether a contact made at <paramref name="contactAt"/> counts against a contact at <paramref name="at"/>: made less
    /// than <see cref="WindowDays"/> before it (one exactly that long before has left the window), or after it (a
    /// concurrent request's clock may run a little ahead).
    /// </summary>
    public bool InWindow(DateTime contactAt, DateTime at) => contactAt > at.AddDays(-WindowDays);

    /// <summary>The rule's broken bounds, named by field: a limit of at least 1, a window of 1 to <see cref="MaxWindowDays"/> days.</summary>
    public static IReadOnlyList<FieldError> Validate(int limit, int windowDays)
    {
        var errors = new List<FieldError>();
        if (limit < 1) errors.Add(new FieldError(nameof(Limit), "Allow at least 1 contact in the window (an exempt campaign is the way to send without counting)."));
        if (windowDays is < 1 or > MaxWindowDays) errors.Add(new FieldError(nameof(WindowDays), $"Choose a window of 1 to {MaxWindowDays} days."));
        return errors;
    }
}
