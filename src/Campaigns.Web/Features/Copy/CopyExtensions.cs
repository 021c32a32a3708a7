using System.Security.Claims;
using Campaigns.Application.Copy;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Web.Hosting;
using Campaigns.Web.Security;

namespace Campaigns.Web.Features.Copy;

/// <summary>
/// The campaign editor's "Suggest copy" over HTTP, for signed-in marketers: the same service, so the candidates are
/// stored as shown (to the caller) and can be picked in the editor.
/// </summary>
public static class CopyExtensions
{
    public const int MaxCount = 20;

    public static void MapCopyEndpoints(this WebApplication app) =>
        app.MapPost("/api/campaigns/{id:guid}/copy/suggestions", SuggestAsync)
            .RequireAuthorization(Policies.Marketing)
            .WithTags("Campaigns")
            .WithSummary("Suggests copy for a draft campaign's channel and terms, sorted by predicted click-through (bodies unscored).")
            .Produces<CopySuggestionResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

    private static async Task<IResult> SuggestAsync(Guid id, CopySuggestionRequest request, CopySuggestionService copy, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var tones = string.Join(", ", Enum.GetNames<Tone>().Select(n => n.ToLowerInvariant()));
        var tone = default(Tone);
        if (string.IsNullOrWhiteSpace(request.Tone)) errors["tone"] = [$"Choose a tone: {tones}."];
        else if (!Enum.TryParse(request.Tone, ignoreCase: true, out tone) || !Enum.IsDefined(tone)) errors["tone"] = [$"Unknown tone '{request.Tone}'; use {tones}."];
        var count = request.Count ?? 10;
        if (count is < 1 or > MaxCount) errors["count"] = [$"Ask for 1 to {MaxCount} candidates."];
        var channel = await copy.ChannelAsync(id, ct);
        if (channel is null) return Results.Problem(statusCode: 404, title: "Campaign not found", detail: $"No campaign has id {id}.");
        if (request.Body && channel != Channel.Email) errors["body"] = ["Only email campaigns have a body."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var suggested = await copy.SuggestAsync(id, tone, CurrentUser.NameOf(user), request.Body, count, ct);
        return suggested.ToResponse(batch => Results.Ok(new CopySuggestionResponse(batch.RequestId, batch.Models, batch.Elapsed.GetValueOrDefault().TotalMilliseconds,
            batch.Candidates.Select(c => new SuggestedCopy(c.Id, c.Rank, c.Text, c.Prediction?.Ctr, c.Prediction?.Low, c.Prediction?.High,
                c.Prediction?.Up ?? [], c.Prediction?.Down ?? [], c.Tone?.Tone.ToString().ToLowerInvariant(), c.Tone?.Probability)).ToList())),
            title: "No suggestions");
    }
}
