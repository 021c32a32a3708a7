using Campaigns.Analytics;
using Campaigns.Application.Experiments;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Security;
using Hangfire;

namespace Campaigns.Web.Features.Experiments;

public static class ExperimentsExtensions
{
    /// <summary>The copy bandit's re-weighting, every 15 minutes (once per cluster, as every recurring job).</summary>
    public static void AddCopyBandit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CopyBanditJob>();
        builder.AddRecurringJobs((_, recurring, _) =>
        {
            recurring.AddOrUpdate<CopyBanditJob>(CopyBandit.RecurringId, x => x.ReweightAsync(CancellationToken.None), CopyBandit.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        });
    }

    public static void MapExperimentEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Campaigns");
        api.MapGet("/experiments/{id:guid}/results", async (Guid id, ExperimentStatistics statistics, string? engine, string? correction,
                string? cuped, string? winsorize, CancellationToken ct) =>
            {
                var (options, problem) = Options(engine, correction, cuped, winsorize);
                if (problem is not null) return problem;
                return await statistics.LoadAsync(id, options!, ct) is { } view ? Results.Ok(view) : NotFound(id);
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
                    : NotFound(id);
            })
            .RequireAuthorization(Policies.Review)
            .WithSummary("The results table as CSV.");
    }

    private static IResult NotFound(Guid id) => Results.Problem(statusCode: 404, title: "Experiment not found", detail: $"No experiment has id {id}.");

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
}
