using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Campaigns.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL syncs at checkpoints instead of every
/// commit: the database cannot corrupt, a power cut may lose the last commits, and writes are several times faster.
/// busy_timeout bounds how long a statement waits for another connection's writer lock before SQLITE_BUSY.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // One instance per timeout, so every context built with the same settings shares it.
    private static readonly ConcurrentDictionary<int, SqlitePragmas> Instances = new();

    private SqlitePragmas(int busyTimeoutSeconds) =>
        Sql = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutSeconds * 1000}; PRAGMA cache_size=-65536;";

    public static SqlitePragmas For(int busyTimeoutSeconds) => Instances.GetOrAdd(busyTimeoutSeconds, s => new SqlitePragmas(s));

    public string Sql { get; }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
