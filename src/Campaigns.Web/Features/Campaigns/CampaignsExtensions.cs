using Campaigns.Application.Campaigns;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Security;

namespace Campaigns.Web.Features.Campaigns;

public static class CampaignsExtensions
{
    public static void MapCampaignEndpoints(this WebApplication app) =>
        app.MapGroup("/api").WithTags("Campaigns").MapGet("/campaigns", async (CampaignService campaigns, string? status, string? search, CancellationToken ct) =>
            {
                var errors = new List<string>();
                var wanted = QueryValues.Enum<CampaignStatus>(nameof(status), status, errors);
                return errors.Count > 0 ? QueryValues.Problem(errors) : Results.Ok(await campaigns.ListAsync(wanted, search, ct));
            })
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Lists campaigns, optionally by status (Draft, PendingApproval, Approved, Rejected, Live, Completed, Archived) or name.");
}
