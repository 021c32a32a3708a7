using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(ErrorMessage = "Set Database:ConnectionString (for SQLite e.g. \"Data Source=data/campaigns.db\").")]
    public string ConnectionString { get; set; } = "Data Source=data/campaigns.db";

    /// <summary>
    /// The one place a provider is chosen. Each provider's migrations live in their own assembly.
    /// </summary>
    public void Apply(DbContextOptionsBuilder builder)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(ConnectionString);
                builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Campaigns.Migrations.Sqlite")).AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: it refuses every operation inside a transaction the app begins itself
                // (import batches, copy changes, event batches, audiences, the rollup), and those are units that a
                // per-statement retry would break. A transient failure fails the request or the job run instead.
                builder.UseSqlServer(ConnectionString, o => o.MigrationsAssembly("Campaigns.Migrations.SqlServer"));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{Provider}'. Use Sqlite or SqlServer.");
        }
    }

    /// <summary>A context outside dependency injection (command line, design time, tests).</summary>
    public CampaignsDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<CampaignsDbContext>();
        Apply(builder);
        return new CampaignsDbContext(builder.Options);
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}

/// <summary>A context factory outside dependency injection (command line, tests): each call opens a new context.</summary>
public sealed class ContextFactory(Func<CampaignsDbContext> open) : IDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext() => open();
}
