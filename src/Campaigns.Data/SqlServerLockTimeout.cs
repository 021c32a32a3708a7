using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Campaigns.Data;

/// <summary>
/// Bounds how long a SQL Server statement waits for a lock (the default is for ever, up to the command timeout): past
/// it the statement fails with error 1222, which <see cref="DatabaseErrors.IsBusy"/> reports as the database busy.
/// </summary>
internal sealed class SqlServerLockTimeout : DbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<int, SqlServerLockTimeout> Instances = new();
    private readonly string _sql;

    private SqlServerLockTimeout(int seconds) => _sql = $"SET LOCK_TIMEOUT {seconds * 1000};";

    public static SqlServerLockTimeout For(int seconds) => Instances.GetOrAdd(seconds, s => new SqlServerLockTimeout(s));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
