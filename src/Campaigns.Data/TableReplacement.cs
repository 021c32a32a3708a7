using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>
/// Replaces every row of a table that is recomputed as a whole (e.g. every customer's predictions), in one transaction.
/// Deleting a million rows one by one takes longer than writing them: SQL Server truncates the table instead, and SQLite
/// truncates it only while its foreign key checks are off, which a connection can switch only outside a transaction.
/// PostgreSQL deletes the rows in one statement: its TRUNCATE would lock out every reader until the commit, while a
/// DELETE lets them read the old rows meanwhile.
/// Only for tables nothing references, whose rows' own references are known to hold.
/// </summary>
public static class TableReplacement
{
    /// <summary>
    /// Empties <typeparamref name="T"/>'s table and inserts <paramref name="rows"/>; what the caller added to the context
    /// (e.g. a summary row) is saved in the same transaction, so readers see the old rows or all the new ones.
    /// </summary>
    public static async Task ReplaceAllAsync<T>(this CampaignsDbContext db, IEnumerable<T> rows, Action<int>? onBatch, CancellationToken ct) where T : class
    {
        var table = db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new ArgumentException($"{typeof(T).Name} is not a table of the model.");
        var sqlite = db.Database.IsSqlite();
        var sqlServer = db.Database.IsSqlServer();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=OFF;", ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(sqlServer ? $"TRUNCATE TABLE [{table}];" : $"DELETE FROM \"{table}\";", ct);
            // SQLite builds an index faster from the finished table than row by row; in the transaction, a crash keeps the old ones.
            var indexes = sqlite ? await DropIndexesAsync(db, table, ct) : [];
            await db.BulkInsertAsync(rows, ct, onBatch);
            foreach (var create in indexes) await db.Database.ExecuteSqlRawAsync(create, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=ON;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Drops the table's own indexes (not the primary key's) and returns the statements that create them again.</summary>
    private static async Task<List<string>> DropIndexesAsync(CampaignsDbContext db, string table, CancellationToken ct)
    {
        var indexes = await db.Database.SqlQueryRaw<SqliteIndex>(
            "SELECT name AS Name, sql AS Sql FROM sqlite_master WHERE type = 'index' AND tbl_name = {0} AND sql IS NOT NULL", table).ToListAsync(ct);
        foreach (var index in indexes)
        {
            // The names come from SQLite's own catalogue, quoted as identifiers.
            var drop = "DROP INDEX \"" + index.Name.Replace("\"", "\"\"") + "\";";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
        }
        return indexes.Select(i => i.Sql).ToList();
    }

    private sealed record SqliteIndex(string Name, string Sql);
}
