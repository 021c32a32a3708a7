using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Campaigns.Data;

/// <summary>
/// Tells the database errors the app answers differently apart, on every provider: a lock that was not granted in time
/// (the database is busy: try again shortly) and a unique-constraint violation (another writer got there first).
/// </summary>
public static class DatabaseErrors
{
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555, SqliteConstraintUnique = 2067;
    private const int SqlServerDeadlockVictim = 1205, SqlServerLockTimeout = 1222;
    private const int SqlServerUniqueIndex = 2601, SqlServerUniqueConstraint = 2627;

    /// <summary>
    /// The writer lock (SQLite) or a row lock (SQL Server, PostgreSQL) was not granted within the busy timeout, or the
    /// server gave up the statement to break a deadlock or a serialization conflict: either way, trying again later works.
    /// </summary>
    public static bool IsBusy(Exception exception) => IsDeadlock(exception) || Causes(exception).Any(e => e switch
    {
        SqliteException s => s.SqliteErrorCode is SqliteBusy or SqliteLocked,
        SqlException s => s.Number == SqlServerLockTimeout,
        PostgresException p => p.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.SerializationFailure,
        _ => false,
    });

    /// <summary>A server database chose the statement as the victim of a deadlock: the same work run again can succeed.</summary>
    public static bool IsDeadlock(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqlException s => s.Number == SqlServerDeadlockVictim,
        PostgresException p => p.SqlState == PostgresErrorCodes.DeadlockDetected,
        _ => false,
    });

    /// <summary>A unique index or primary key refused the row: only this is a race with another writer.</summary>
    public static bool IsUniqueViolation(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteConstraint && s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException s => s.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    });

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException) yield return exception;
    }
}
