using Campaigns.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Campaigns.Data;

public static class DataExtensions
{
    /// <summary>Registers the database (provider from configuration) and the services that own it.</summary>
    public static IHostApplicationBuilder AddCampaignsData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The factory (a singleton, so singletons such as EventWriter may use it) serves Blazor components and
        // background work, one context per operation; the scoped context it also registers serves Identity and the API.
        builder.Services.AddDbContextFactory<CampaignsDbContext>((sp, o) => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Apply(o));
        builder.Services.AddScoped<Demo.DemoStoreSeeder>();
        builder.Services.AddSingleton<EventWriter>();
        builder.Services.AddScoped<ExperimentRollup>();
        return builder;
    }

    /// <summary>
    /// Brings the schema up to date. SQLite (the embedded default) always migrates; on SQL Server and PostgreSQL several
    /// instances share the database, so migrating at start-up is opt-in (Database:MigrateOnStartup). Processes migrating
    /// one SQLite file take turns (<see cref="SqliteMigrationTurn"/>).
    /// </summary>
    public static async Task MigrateAsync(this CampaignsDbContext db, bool migrateServer, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            using var turn = await SqliteMigrationTurn.TakeAsync(db, ct);
            await db.Database.MigrateAsync(ct);
            // WAL lets readers (pages) run while a job writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        else if (migrateServer)
        {
            // On a new PostgreSQL database EF reads the history table before creating it and logs that read as a failed
            // command; created first, a new database starts without an error in the log.
            if (db.Database.IsNpgsql()) await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            await db.Database.MigrateAsync(ct);
        }
    }

    /// <summary>Adds an audit entry to the same unit of work as the change it records.</summary>
    public static void Audit(this CampaignsDbContext db, string user, string action, string entityType, object? entityId, string? details = null) =>
        db.AuditLog.Add(new AuditEntry { User = user, Action = action, EntityType = entityType, EntityId = entityId?.ToString(), Details = details });
}
