using Campaigns.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Migrations;

/// <summary>
/// Starts after a migration killed mid-way (EF's lock row left behind) and starts beside a live migration, on a SQLite
/// file of their own whatever the run's provider.
/// </summary>
public sealed class SqliteMigrationTurnTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"campaigns-turn-{Guid.NewGuid():N}.db");

    private CampaignsDbContext Open() => new DatabaseOptions { ConnectionString = $"Data Source={_file}" }.CreateContext();

    /// <summary>What EF leaves when its process dies holding the lock: the table and its one row.</summary>
    private void LeaveEfLockRow()
    {
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-07 18:02:11.000+00:00');
            """;
        command.ExecuteNonQuery();
    }

    private long LockRows()
    {
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "__EFMigrationsLock" """;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_start_after_a_migration_killed_mid_way_removes_the_stale_lock_and_migrates()
    {
        LeaveEfLockRow();

        await using (var db = Open()) await db.MigrateAsync(migrateServer: false).WaitAsync(Bound);

        await using var check = Open();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, LockRows());
    }

    [Fact]
    public async Task A_start_beside_a_live_migration_waits_for_it_and_leaves_its_lock_alone()
    {
        LeaveEfLockRow();
        var migrating = new FileStream(SqliteMigrationTurn.LockFileOf(_file), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        await using var db = Open();
        var start = db.MigrateAsync(migrateServer: false);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(start.IsCompleted);
        Assert.Equal(1, LockRows());

        // The other process finishes: EF deletes its row, then the OS lock goes with the file handle.
        using (var connection = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            connection.Open();
            using var release = connection.CreateCommand();
            release.CommandText = """DELETE FROM "__EFMigrationsLock" """;
            release.ExecuteNonQuery();
        }
        await migrating.DisposeAsync();
        await start.WaitAsync(Bound);

        await using var check = Open();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm", SqliteMigrationTurn.LockFileOf(_file) })
            try { File.Delete(file); } catch (IOException) { }
    }
}
