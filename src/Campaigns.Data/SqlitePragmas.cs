using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Campaigns.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL syncs at checkpoints instead of every
/// commit: the database cannot corrupt, a power cut may lose the last commits, and writes are several times faster.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    public const string Sql = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536;";

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
