using Campaigns.Web.Features.Account;
using Campaigns.Web.Features.Campaigns;
using Campaigns.Web.Features.Dashboard;
using Campaigns.Web.Features.Experiments;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Features.Jobs;
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
        builder.Services.AddScoped<CatalogLookup>();
        builder.Services.AddScoped<DashboardData>();
        builder.Services.AddScoped<ExperimentResults>();
        builder.Services.AddScoped<UserAdmin>();
        builder.AddIntegration();
    }

    public static void MapCampaignsEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapJobsDashboard();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/openapi", () => Results.Redirect("/openapi/v1.json")).AllowAnonymous().ExcludeFromDescription();
        app.MapIntegrationEndpoints();

        var api = app.MapGroup("/api").WithTags("Campaigns");
        api.MapGet("/campaigns", (CampaignService campaigns, Domain.Campaigns.CampaignStatus? status, string? search, CancellationToken ct) =>
                campaigns.ListAsync(status, search, ct))
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Lists campaigns, optionally by status or name.");
        api.MapGet("/experiments/{id:guid}/results", async (Guid id, ExperimentResults results, CancellationToken ct) =>
                await results.GetAsync(id, ct) is { } summary ? Results.Ok(summary)
                    : Results.Problem(statusCode: 404, title: "Experiment not found", detail: $"No experiment has id {id}."))
            .RequireAuthorization(Policies.Review)
            .WithSummary("Per-arm exposure and conversion counts with lift over control.");
    }
}
