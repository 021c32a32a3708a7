using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Campaigns.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(ErrorMessage = "Set Database:ConnectionString (for SQLite e.g. \"Data Source=data/campaigns.db\").")]
    public string ConnectionString { get; set; } = "Data Source=data/campaigns.db";

    /// <summary>
    /// How long a statement waits for a lock another connection holds (SQLite's writer lock, a SQL Server or PostgreSQL row lock)
    /// before the database is reported busy: a request then answers 503 with Retry-After instead of hanging.
    /// </summary>
    [Range(1, 300)]
    public int BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The SQLite connection string with the busy timeout as its default command timeout: Microsoft.Data.Sqlite retries a
    /// busy statement until then, on top of SQLite's own busy_timeout.
    /// </summary>
    /// <remarks>A method, as is <see cref="PostgresConnectionString"/>: options validation reads every property, and would parse
    /// the connection string of one provider with the other's builder.</remarks>
    public string SqliteConnectionString() => new SqliteConnectionStringBuilder(ConnectionString) { DefaultTimeout = BusyTimeoutSeconds }.ToString();

    /// <summary>
    /// The PostgreSQL connection string with the busy timeout as every session's lock_timeout (the default waits for ever):
    /// a lock not granted in time fails the statement with 55P03, which <see cref="DatabaseErrors.IsBusy"/> reports. Passed
    /// as a startup option, so it costs no round trip per connection and holds for raw SQL too.
    /// </summary>
    public string PostgresConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        builder.Options = $"{builder.Options} -c lock_timeout={BusyTimeoutSeconds * 1000}".Trim();
        return builder.ToString();
    }

    /// <summary>
    /// The one place a provider is chosen. Each provider's migrations live in their own assembly.
    /// </summary>
    public void Apply(DbContextOptionsBuilder builder)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(ConnectionString);
                builder.UseSqlite(SqliteConnectionString(), o => o.MigrationsAssembly("Campaigns.Migrations.Sqlite")).AddInterceptors(SqlitePragmas.For(BusyTimeoutSeconds));
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: it refuses every operation inside a transaction the app begins itself
                // (import batches, copy changes, event batches, audiences, the rollup), and those are units that a
                // per-statement retry would break. A transient failure fails the request or the job run instead.
                builder.UseSqlServer(ConnectionString, o => o.MigrationsAssembly("Campaigns.Migrations.SqlServer")).AddInterceptors(SqlServerLockTimeout.For(BusyTimeoutSeconds));
                break;
            case DatabaseProvider.Postgres:
                // No retrying execution strategy either, for the same reason.
                builder.UseNpgsql(PostgresConnectionString(), o => o.MigrationsAssembly("Campaigns.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{Provider}'. Use Sqlite, SqlServer or Postgres.");
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
