using System.ComponentModel.DataAnnotations;
using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Web.Security;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;

namespace Campaigns.Web.Features.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";
    /// <summary>Hangfire workers per instance; kept small so training never starves the UI of CPU.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;
    /// <summary>Re-enqueue queued and running runs at start-up. Needed with in-memory storage; on SQL Server and PostgreSQL Hangfire keeps its own queue.</summary>
    public bool RecoverInterruptedRuns { get; set; } = true;
    /// <summary>How often a running job's instance writes its heartbeat.</summary>
    [Range(1, 600)]
    public int HeartbeatSeconds { get; set; } = 15;
    /// <summary>
    /// A running run whose heartbeat is older than this was left by an instance that stopped; it is queued again. The
    /// margin over the heartbeat interval also absorbs clock differences between instances.
    /// </summary>
    [Range(10, 3600)]
    public int StaleAfterSeconds { get; set; } = 120;
    /// <summary>A run taken over this many times is failed instead (the job itself may be what stops its instances).</summary>
    [Range(1, 10)]
    public int MaxTakeovers { get; set; } = 3;

    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(HeartbeatSeconds);
    public TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);
}

public static class JobsExtensions
{
    public const string DashboardPath = "/jobs";

    public static void AddCampaignsJobs(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.StaleAfterSeconds >= 3 * o.HeartbeatSeconds, "Jobs:StaleAfterSeconds must be at least three heartbeats (Jobs:HeartbeatSeconds), or live runs would be taken for dead ones.")
            .ValidateOnStart()
            .PostConfigure(o => o.RecoverInterruptedRuns &= database.Provider == DatabaseProvider.Sqlite);
        builder.Services.AddHangfire(cfg =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer) cfg.UseSqlServerStorage(database.ConnectionString);
            // Hangfire keeps its tables in a schema of its own ("hangfire"), created at first start, beside the app's.
            else if (database.Provider == DatabaseProvider.Postgres) cfg.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString));
            else cfg.UseInMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid });
        });
        var workers = builder.Configuration.GetValue($"{JobsOptions.Section}:{nameof(JobsOptions.WorkerCount)}", 2);
        builder.Services.AddSingleton<JobServerIdentity>();
        builder.Services.AddHangfireServer((services, o) =>
        {
            o.WorkerCount = workers;
            o.ServerName = services.GetRequiredService<JobServerIdentity>().Name;
        });

        var catalog = new JobCatalog();
        builder.Services.AddSingleton(catalog);
        builder.Services.AddScoped<JobRunner>();
        builder.Services.AddScoped<IJobQueue>(sp => sp.GetRequiredService<JobRunner>());
        builder.Services.AddScoped<JobExecutor>();
        builder.Services.AddScoped<StaleRunSweep>();
        builder.Services.AddHostedService<JobRecovery>();
        builder.AddJob<CustomerBehaviourJob>(CustomerBehaviourJob.Kind, "Recompute customer behaviour", exclusive: true);
        builder.AddJob<ExperimentRollupJob>(ExperimentRollupJob.Kind, "Roll up experiment events", exclusive: true);
    }

    /// <summary>Registers a kind of job; every feature adds its own.</summary>
    /// <param name="cancelConsequence">What a cancel keeps, said before the user confirms it.</param>
    public static void AddJob<TJob>(this WebApplicationBuilder builder, string kind, string title, bool exclusive, string? cancelConsequence = null) where TJob : class, IJob
    {
        builder.Services.AddKeyedScoped<IJob, TJob>(kind);
        var catalog = (JobCatalog)builder.Services.Single(d => d.ServiceType == typeof(JobCatalog)).ImplementationInstance!;
        catalog.Add(kind, title, exclusive, cancelConsequence);
    }

    /// <summary>Registers a feature's recurring jobs, added to Hangfire at start-up.</summary>
    public static void AddRecurringJobs(this WebApplicationBuilder builder, Func<IServiceProvider, IRecurringJobManager, CancellationToken, Task> register) =>
        builder.Services.AddSingleton(new RecurringJobs(register));

    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, DashboardPath,
            new DashboardOptions { DashboardTitle = "Campaigns · background jobs", AppPath = "/admin/jobs", Authorization = [] },
            // This host's storage, not Hangfire's process-wide static one.
            app.Services.GetRequiredService<JobStorage>());
}
