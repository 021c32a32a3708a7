namespace Campaigns.Web.Features.Copy;

/// <summary>What a script or an email tool asks "Suggest copy" for.</summary>
/// <param name="Tone">urgent, friendly, premium or playful.</param>
/// <param name="Body">Email bodies instead of subject lines (email campaigns only).</param>
/// <param name="Count">How many candidates, 1 to 20 (default 10).</param>
public sealed record CopySuggestionRequest(string? Tone, bool Body = false, int? Count = null);
