namespace Campaigns.Application.Programme;

/// <summary>An Admin's setting of the global holdout.</summary>
/// <param name="SharePercent">Percent of all customers held out.</param>
/// <param name="StartsOn">The UTC day the setting takes effect; today or later.</param>
/// <param name="Redraw">Draw new members with a new salt instead of keeping the current draw.</param>
/// <param name="Reason">Why; required for a re-draw, which is audited with it.</param>
public sealed record HoldoutRequest(double SharePercent, DateTime StartsOn, bool Redraw = false, string? Reason = null);
