using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Campaigns.Data;

/// <summary>
/// Processes migrating one SQLite file take turns through an OS lock on a file beside it. EF's own lock is a row
/// (__EFMigrationsLock) written outside the migration's transaction: a process killed mid-migration leaves it, and the
/// next start waits on it forever without a word. The OS drops a dead process's file lock, so whoever holds the turn
/// knows such a row is stale and removes it; a live holder's turn makes the next process wait, and say so.
/// </summary>
public sealed class SqliteMigrationTurn : IDisposable
{
    /// <summary>How long a start waits for another process's migration before it gives up with the reason.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);
    private readonly FileStream? _lock;

    private SqliteMigrationTurn(FileStream? held) => _lock = held;

    /// <summary>The lock file beside a database file.</summary>
    public static string LockFileOf(string databaseFile) => databaseFile + "-migrations.lock";

    public static async Task<SqliteMigrationTurn> TakeAsync(CampaignsDbContext db, CancellationToken ct)
    {
        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        // An in-memory database belongs to one connection: no other process can be migrating it.
        if (connection.Mode == SqliteOpenMode.Memory || connection.DataSource is "" or ":memory:") return new SqliteMigrationTurn(null);
        var file = Path.GetFullPath(connection.DataSource);
        var path = LockFileOf(file);
        var log = db.GetService<IDiagnosticsLogger<DbLoggerCategory.Migrations>>().Logger;
        var waiting = Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix (a share lock on Windows), released when the process ends.
                var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var turn = new SqliteMigrationTurn(held);
                await turn.RemoveStaleLockAsync(db, file, log, ct);
                return turn;
            }
            catch (IOException) when (File.Exists(path) && waiting.Elapsed < Patience)
            {
                if (!said) log.LogWarning("Waiting for another process to finish migrating {Database}: it holds {LockFile}.", file, path);
                said = true;
                await Task.Delay(Retry, ct);
            }
            catch (IOException ex) when (File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"Another process has been migrating {file} for {Patience.TotalMinutes:0} minutes (it holds {path}); stop it or start again later.", ex);
            }
        }
    }

    private async Task RemoveStaleLockAsync(CampaignsDbContext db, string file, ILogger log, CancellationToken ct)
    {
        try
        {
            // A database that never began a migration under EF 9 or later has no lock table.
            var hasLockTable = await db.Database.SqlQueryRaw<int>(
                "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync(ct) > 0;
            if (!hasLockTable) return;
            var taken = await db.Database.SqlQueryRaw<string>("""SELECT "Timestamp" AS "Value" FROM "__EFMigrationsLock" """).ToListAsync(ct);
            if (taken.Count == 0) return;
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsLock";""", ct);
            log.LogWarning("Removed EF's migration lock on {Database}, taken at {Taken} by a process that stopped while migrating.", file, taken[0]);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose() => _lock?.Dispose();
}
