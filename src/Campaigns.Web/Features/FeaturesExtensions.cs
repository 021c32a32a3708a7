using Campaigns.Analytics;
using Campaigns.Targeting;
using Campaigns.Web.Features.Account;
using Campaigns.Web.Features.Audiences;
using Campaigns.Web.Features.Campaigns;
using Campaigns.Web.Features.Copy;
using Campaigns.Web.Features.Dashboard;
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
        builder.Services.AddScoped<DashboardData>();
        builder.Services.AddScoped<ExperimentResults>();
        builder.Services.AddScoped<ExperimentStatistics>();
        builder.Services.AddScoped<ExperimentDecisions>();
        builder.Services.AddScoped<TargetingCheck>();
        builder.Services.AddScoped<ExperimentDesign>();
        builder.Services.AddScoped<UserAdmin>();
        builder.AddIntegration();
        builder.AddImports();
        builder.AddCampaignsTargeting();
        builder.AddModels();
        builder.AddHealth();
    }

    private static ResultsOptions Options(AnalysisEngine? engine, CorrectionMethod? correction, bool? cuped, double? winsorize)
    {
        var defaults = new ResultsOptions();
        return defaults with
        {
            Engine = engine ?? defaults.Engine, Correction = correction ?? defaults.Correction, UseCuped = cuped ?? defaults.UseCuped,
            WinsorizePercentile = winsorize is > 0 and < 1 ? winsorize : winsorize is null ? defaults.WinsorizePercentile : null,
        };
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

        var api = app.MapGroup("/api").WithTags("Campaigns");
        api.MapGet("/campaigns", (CampaignService campaigns, Domain.Campaigns.CampaignStatus? status, string? search, CancellationToken ct) =>
                campaigns.ListAsync(status, search, ct))
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Lists campaigns, optionally by status or name.");
        api.MapGet("/experiments/{id:guid}/results", async (Guid id, ExperimentStatistics statistics, AnalysisEngine? engine, CorrectionMethod? correction,
                bool? cuped, double? winsorize, CancellationToken ct) =>
                await statistics.LoadAsync(id, Options(engine, correction, cuped, winsorize), ct) is { } view ? Results.Ok(view)
                    : Results.Problem(statusCode: 404, title: "Experiment not found", detail: $"No experiment has id {id}."))
            .RequireAuthorization(Policies.Review)
            .WithSummary("Full results: per metric and arm lift with intervals, p-values or chance to win, SRM, power, guardrails, segments.");
        api.MapGet("/experiments/{id:guid}/results.csv", async (Guid id, ExperimentStatistics statistics, AnalysisEngine? engine, CorrectionMethod? correction,
                bool? cuped, double? winsorize, CancellationToken ct) =>
                await statistics.LoadAsync(id, Options(engine, correction, cuped, winsorize), ct) is { } view
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(ResultsCsv.Write(view)), "text/csv", $"experiment-{id}.csv")
                    : Results.Problem(statusCode: 404, title: "Experiment not found", detail: $"No experiment has id {id}."))
            .RequireAuthorization(Policies.Review)
            .WithSummary("The results table as CSV.");
    }
}
