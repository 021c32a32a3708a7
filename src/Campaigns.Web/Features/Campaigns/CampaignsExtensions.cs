using System.Security.Claims;
using Campaigns.Application.Campaigns;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Hosting;
using Campaigns.Web.Security;

namespace Campaigns.Web.Features.Campaigns;

public static class CampaignsExtensions
{
    public static void MapCampaignEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Campaigns");
        api.MapGet("/campaigns", async (CampaignService campaigns, string? status, string? search, CancellationToken ct) =>
            {
                var errors = new List<string>();
                var wanted = QueryValues.Enum<CampaignStatus>(nameof(status), status, errors);
                return errors.Count > 0 ? QueryValues.Problem(errors) : Results.Ok(await campaigns.ListAsync(wanted, search, ct));
            })
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Lists campaigns, optionally by status (Draft, PendingApproval, Approved, Rejected, Live, Completed, Archived) or name.");

        api.MapPost("/campaigns", async (CampaignRequest request, CampaignService campaigns, ClaimsPrincipal user, CancellationToken ct) =>
                (await campaigns.CreateAsync(request, CurrentUser.NameOf(user), ct))
                .ToResponse(c => Results.Created($"/campaigns/{c.Id}", campaigns.RowOf(c))))
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Creates a draft campaign with 1 to 5 offers on one channel (the first is the main offer; several are tested against each other), checked as the editor checks it.")
            .Produces<CampaignRow>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapPut("/campaigns/{id:guid}", async (Guid id, CampaignRequest request, CampaignService campaigns, ClaimsPrincipal user, CancellationToken ct) =>
                (await campaigns.ReplaceAsync(id, request, CurrentUser.NameOf(user), ct))
                .ToResponse(c => Results.Ok(campaigns.RowOf(c))))
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Replaces a draft or rejected campaign's terms and offers (the whole campaign: the last replacement wins).")
            .Produces<CampaignRow>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}
