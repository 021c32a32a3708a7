using Campaigns.Application;
using Campaigns.Web.Features.Account;
using Campaigns.Web.Features.Audiences;
using Campaigns.Web.Features.Campaigns;
using Campaigns.Web.Features.Copy;
using Campaigns.Web.Features.Experiments;
using Campaigns.Web.Features.Health;
using Campaigns.Web.Features.Imports;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Features.Models;
using Campaigns.Web.Features.Users;
using Campaigns.Web.Hosting;
using Campaigns.Web.Security;

namespace Campaigns.Web.Features;

public static class FeaturesExtensions
{
    public static void AddCampaignsFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CampaignService>();
        builder.Services.AddScoped<CopySuggestionService>();
        builder.Services.AddScoped<BannedPhraseAdmin>();
        builder.Services.AddScoped<CatalogLookup>();
        builder.Services.AddScoped<UserAdmin>();
        builder.AddIntegration();
        builder.AddImports();
        builder.AddCampaignsApplication();
        builder.AddModels();
        builder.AddHealth();
    }

    public static void MapCampaignsEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapHealthEndpoints();
        app.MapJobsDashboard();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/openapi", () => Results.Redirect("/openapi/v1.json")).AllowAnonymous().ExcludeFromDescription();
        app.MapIntegrationEndpoints();
        app.MapImportEndpoints();
        app.MapAudienceEndpoints();
        app.MapCopyEndpoints();
        app.MapModelEndpoints();
        app.MapExperimentEndpoints();

        var api = app.MapGroup("/api").WithTags("Campaigns");
        api.MapGet("/campaigns", async (CampaignService campaigns, string? status, string? search, CancellationToken ct) =>
            {
                var errors = new List<string>();
                var wanted = QueryValues.Enum<Domain.Campaigns.CampaignStatus>(nameof(status), status, errors);
                return errors.Count > 0 ? QueryValues.Problem(errors) : Results.Ok(await campaigns.ListAsync(wanted, search, ct));
            })
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Lists campaigns, optionally by status (Draft, PendingApproval, Approved, Rejected, Live, Completed, Archived) or name.");
    }
}
