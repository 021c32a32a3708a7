using Campaigns.Analytics;
using Campaigns.Application;
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
        builder.AddUsers();
        builder.AddIntegration();
        builder.AddImports();
        builder.AddCampaignsApplication();
        builder.AddModels();
        builder.AddHealth();
    }

    /// <summary>The results options a query asks for, or the 400 naming each value it cannot take.</summary>
    private static (ResultsOptions? Options, IResult? Problem) Options(string? engine, string? correction, string? cuped, string? winsorize)
    {
        var errors = new List<string>();
        var (e, c, u, w) = (QueryValues.Enum<AnalysisEngine>(nameof(engine), engine, errors), QueryValues.Enum<CorrectionMethod>(nameof(correction), correction, errors),
            QueryValues.Bool(nameof(cuped), cuped, errors), QueryValues.Number(nameof(winsorize), winsorize, errors));
        if (errors.Count > 0) return (null, QueryValues.Problem(errors));
        var defaults = new ResultsOptions();
        return (defaults with
        {
            Engine = e ?? defaults.Engine,
            Correction = c ?? defaults.Correction,
            UseCuped = u ?? defaults.UseCuped,
            WinsorizePercentile = w is > 0 and < 1 ? w : w is null ? defaults.WinsorizePercentile : null,
        }, null);
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
        api.MapGet("/campaigns", async (CampaignService campaigns, string? status, string? search, CancellationToken ct) =>
            {
                var errors = new List<string>();
                var wanted = QueryValues.Enum<Domain.Campaigns.CampaignStatus>(nameof(status), status, errors);
                return errors.Count > 0 ? QueryValues.Problem(errors) : Results.Ok(await campaigns.ListAsync(wanted, search, ct));
            })
            .RequireAuthorization(Policies.Marketing)
            .WithSummary("Lists campaigns, optionally by status (Draft, PendingApproval, Approved, Rejected, Live, Completed, Archived) or name.");
        api.MapGet("/experiments/{id:guid}/results", async (Guid id, ExperimentStatistics statistics, string? engine, string? correction,
                string? cuped, string? winsorize, CancellationToken ct) =>
            {
                var (options, problem) = Options(engine, correction, cuped, winsorize);
                if (problem is not null) return problem;
                return await statistics.LoadAsync(id, options!, ct) is { } view ? Results.Ok(view)
                    : Results.Problem(statusCode: 404, title: "Experiment not found", detail: $"No experiment has id {id}.");
            })
            .RequireAuthorization(Policies.Review)
            .WithSummary("Full results: per metric and arm lift with intervals, p-values or chance to win, SRM, power, guardrails, segments. "
                + "Options: engine=Frequentist|Bayesian|Sequential, correction=None|Holm|BenjaminiHochberg, cuped=true|false, winsorize=0.99.");
        api.MapGet("/experiments/{id:guid}/results.csv", async (Guid id, ExperimentStatistics statistics, string? engine, string? correction,
                string? cuped, string? winsorize, CancellationToken ct) =>
            {
                var (options, problem) = Options(engine, correction, cuped, winsorize);
                if (problem is not null) return problem;
                return await statistics.LoadAsync(id, options!, ct) is { } view
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(ResultsCsv.Write(view)), "text/csv", $"experiment-{id}.csv")
                    : Results.Problem(statusCode: 404, title: "Experiment not found", detail: $"No experiment has id {id}.");
            })
            .RequireAuthorization(Policies.Review)
            .WithSummary("The results table as CSV.");
    }
}
