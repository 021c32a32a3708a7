using Campaigns.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Campaigns.Application.Tests;

/// <summary>
/// A fresh, migrated database of its own for one fixture, on the provider the run names: CAMPAIGNS_TEST_PROVIDER=Postgres
/// with CAMPAIGNS_TEST_POSTGRES a server connection string (the role may create databases) runs the suite on PostgreSQL;
/// unset, on SQLite files in the temp folder. One suite, two providers: `tests/run` runs it on both.
/// </summary>
public sealed class TestDatabase
{
    private readonly string _sqliteFile = "";
    private readonly string _postgresName = "";

    public TestDatabase(string name)
    {
        var id = Guid.NewGuid().ToString("N");
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgresName = $"campaigns_test_{name}_{id}";
            Options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = _postgresName }.ToString() };
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"campaigns-{name}-{id}.db");
            Options = new DatabaseOptions { ConnectionString = $"Data Source={_sqliteFile}" };
        }
    }

    /// <summary>The provider of this run.</summary>
    public static DatabaseProvider Provider => Environment.GetEnvironmentVariable("CAMPAIGNS_TEST_PROVIDER") is { Length: > 0 } p
        ? Enum.TryParse<DatabaseProvider>(p, true, out var provider) && provider != DatabaseProvider.SqlServer ? provider
            : throw new InvalidOperationException($"CAMPAIGNS_TEST_PROVIDER must be Sqlite or Postgres, not '{p}'.")
        : DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL server's connection string, to its default database.</summary>
    public static string Server => Environment.GetEnvironmentVariable("CAMPAIGNS_TEST_POSTGRES") is { Length: > 0 } s ? s
        : throw new InvalidOperationException("CAMPAIGNS_TEST_PROVIDER=Postgres needs CAMPAIGNS_TEST_POSTGRES, a connection string to a server whose role may create databases.");

    public DatabaseOptions Options { get; }

    public CampaignsDbContext Open() => Options.CreateContext();

    /// <summary>Creates the database (on PostgreSQL) and brings its schema up to date.</summary>
    public async Task CreateAsync()
    {
        if (_postgresName.Length > 0)
        {
            await using var server = new NpgsqlConnection(Server);
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresName}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        await using var db = Open();
        await db.MigrateAsync(migrateServer: true);
    }

    /// <summary>Drops the database (or deletes the SQLite file with its WAL files) and any other files the test wrote.</summary>
    public async Task DropAsync(params string[] files)
    {
        if (_postgresName.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(Server);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            files = [_sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm", SqliteMigrationTurn.LockFileOf(_sqliteFile), .. files];
        }
        foreach (var file in files)
            try { File.Delete(file); } catch (IOException) { }
    }
}
