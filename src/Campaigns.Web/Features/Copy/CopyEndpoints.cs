using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Copy;

/// <summary>What a script or an email tool asks "Suggest copy" for.</summary>
/// <param name="Tone">urgent, friendly, premium or playful.</param>
/// <param name="Body">Email bodies instead of subject lines (email campaigns only).</param>
/// <param name="Count">How many candidates, 1 to 20 (default 10).</param>
public sealed record CopySuggestionRequest(string? Tone, bool Body = false, int? Count = null);

public sealed record SuggestedCopy(Guid Id, int Rank, string Text, double? PredictedCtr, double? Low, double? High,
    IReadOnlyList<Ml.Copy.WordEffect> WordsUp, IReadOnlyList<Ml.Copy.WordEffect> WordsDown);

/// <param name="ElapsedMs">Generating and ranking, as the panel shows it; the request's own time adds the database work.</param>
public sealed record CopySuggestionResponse(Guid RequestId, string Models, double ElapsedMs, IReadOnlyList<SuggestedCopy> Candidates);

/// <summary>
/// The campaign editor's "Suggest copy" over HTTP, for signed-in marketers: the same service, so the candidates are
/// stored as shown (to the caller) and can be picked in the editor.
/// </summary>
public static class CopyEndpoints
{
    public const int MaxCount = 20;

    public static void MapCopyEndpoints(this WebApplication app) =>
        app.MapPost("/api/campaigns/{id:guid}/copy/suggestions", SuggestAsync)
            .RequireAuthorization(Policies.Marketing)
            .WithTags("Campaigns")
            .WithSummary("Suggests copy for a draft campaign's channel and terms, sorted by predicted click-through (bodies unscored).")
            .Produces<CopySuggestionResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

    private static async Task<IResult> SuggestAsync(Guid id, CopySuggestionRequest request, CopySuggestionService copy, CampaignsDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<Tone>(request.Tone, ignoreCase: true, out var tone) || !Enum.IsDefined(tone))
            errors["tone"] = [$"Unknown tone '{request.Tone}'; use {string.Join(", ", Enum.GetNames<Tone>().Select(n => n.ToLowerInvariant()))}."];
        var count = request.Count ?? 10;
        if (count is < 1 or > MaxCount) errors["count"] = [$"Ask for 1 to {MaxCount} candidates."];
        var channel = await db.Campaigns.AsNoTracking().Where(c => c.Id == id).Select(c => (Channel?)c.Promotion.Channel).SingleOrDefaultAsync(ct);
        if (channel is null) return Results.Problem(statusCode: 404, title: "Campaign not found", detail: $"No campaign has id {id}.");
        if (request.Body && channel != Channel.Email) errors["body"] = ["Only email campaigns have a body."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var outcome = await copy.SuggestAsync(id, tone, http.User.Identity?.Name ?? "api", request.Body, count, ct);
        if (outcome.Value is not { } batch) return Results.Problem(statusCode: 409, title: "No suggestions", detail: outcome.Error);
        return Results.Ok(new CopySuggestionResponse(batch.RequestId, batch.Models, batch.Elapsed.GetValueOrDefault().TotalMilliseconds,
            batch.Candidates.Select(c => new SuggestedCopy(c.Id, c.Rank, c.Text, c.Prediction?.Ctr, c.Prediction?.Low, c.Prediction?.High,
                c.Prediction?.Up ?? [], c.Prediction?.Down ?? [])).ToList()));
    }
}
