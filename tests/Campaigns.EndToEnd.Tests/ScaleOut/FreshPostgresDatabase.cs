using Campaigns.Data;
using Npgsql;

namespace Campaigns.EndToEnd.Tests.ScaleOut;

/// <summary>
/// A new, empty database on the PostgreSQL server that <c>tests/run</c> starts (its connection string in
/// <see cref="Variable"/>), dropped at the end with whatever connections are still open on it.
/// </summary>
public sealed class FreshPostgresDatabase : IAsyncDisposable
{
    public const string Variable = "CAMPAIGNS_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    public DatabaseOptions Options { get; }

    private FreshPostgresDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        Options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(),
        };
    }

    /// <summary>The server named by <see cref="Variable"/>, or null when it names none.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static async Task<FreshPostgresDatabase> CreateAsync()
    {
        var server = Server ?? throw new InvalidOperationException($"Set {Variable} to a PostgreSQL server's connection string (tests/run does).");
        var database = new FreshPostgresDatabase(server, $"campaigns_scaleout_{Guid.NewGuid():N}"[..40]);
        await database.ExecuteAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }
}
