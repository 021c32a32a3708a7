using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Campaigns.Data;

/// <summary>
/// Fast inserts for seeding, imports and event ingestion: prepared multi-row INSERTs built from the EF model
/// (so column names and value conversions stay the model's own), reused inside one transaction per batch.
/// Change tracking would cost ~10x more per row and hold every entity in memory; one statement per row
/// spends most of its time in per-command overhead.
/// </summary>
public static class BulkInsert
{
    /// <summary>Inserts every row; returns how many were written.</summary>
    public static Task<int> BulkInsertAsync<T>(this CampaignsDbContext db, IEnumerable<T> rows,
        CancellationToken ct = default, Action<int>? onBatch = null, int batchSize = 50_000) where T : class =>
        RunAsync(db, InsertPlan.For(db, typeof(T), null), rows, onBatch, batchSize, ct);

    /// <summary>
    /// Inserts the rows whose unique <paramref name="uniqueProperty"/> (a string) is not stored yet and skips
    /// the others without failing, so a batch sent twice is stored once. Returns the keys that were inserted
    /// (read back with RETURNING (SQLite, PostgreSQL) / OUTPUT (SQL Server) in the same statement, so no separate look-up is needed).
    /// </summary>
    public static async Task<HashSet<string>> BulkInsertNewAsync<T>(this CampaignsDbContext db, IEnumerable<T> rows, string uniqueProperty,
        CancellationToken ct = default) where T : class
    {
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await RunAsync(db, InsertPlan.For(db, typeof(T), uniqueProperty), rows, null, int.MaxValue, ct, inserted);
        return inserted;
    }

    private static async Task<int> RunAsync<T>(CampaignsDbContext db, InsertPlan plan, IEnumerable<T> rows,
        Action<int>? onBatch, int batchSize, CancellationToken ct, HashSet<string>? insertedKeys = null) where T : class
    {
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere) await db.Database.OpenConnectionAsync(ct);
        var written = 0;
        try
        {
            using var enumerator = rows.GetEnumerator();
            var more = enumerator.MoveNext();
            var buffer = new List<object>(plan.RowsPerStatement);
            while (more)
            {
                var outer = db.Database.CurrentTransaction;
                await using var tx = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
                var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                await using var full = plan.CreateCommand(connection, transaction, plan.RowsPerStatement);
                var inBatch = 0;
                while (more && inBatch < batchSize)
                {
                    ct.ThrowIfCancellationRequested();
                    buffer.Add(enumerator.Current!);
                    inBatch++;
                    more = enumerator.MoveNext();
                    if (buffer.Count == plan.RowsPerStatement)
                    {
                        written += await plan.ExecuteAsync(full, buffer, insertedKeys, ct);
                        buffer.Clear();
                    }
                }
                if (buffer.Count > 0)
                {
                    await using var rest = plan.CreateCommand(connection, transaction, buffer.Count);
                    written += await plan.ExecuteAsync(rest, buffer, insertedKeys, ct);
                    buffer.Clear();
                }
                if (tx is not null) await tx.CommitAsync(ct);
                onBatch?.Invoke(written);
            }
        }
        finally
        {
            if (openedHere) await db.Database.CloseConnectionAsync();
        }
        return written;
    }

    private sealed class InsertPlan
    {
        /// <summary>Parameters per SQLite statement (see <see cref="For"/>).</summary>
        private const int SqliteParameters = 64;

        private readonly List<(Func<object, object?> Get, RelationalTypeMapping Mapping)> _columns = [];
        private string _table = "", _columnList = "", _uniqueColumn = "";
        private int _uniqueIndex = -1;
        private bool _sqlServer;

        /// <summary>Rows per statement, within the provider's parameter limit (SQL Server: 2,100).</summary>
        public int RowsPerStatement { get; private set; }

        public static InsertPlan For(CampaignsDbContext db, Type clrType, string? uniqueProperty)
        {
            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
            var helper = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var plan = new InsertPlan { _sqlServer = db.Database.IsSqlServer() };
            var names = new List<string>();
            foreach (var p in entity.GetProperties())
            {
                // A column with no property is one the server fills (the events' rollup stamp).
                if (p.PropertyInfo is null) continue;
                plan._columns.Add((p.PropertyInfo.GetValue, (RelationalTypeMapping)p.GetTypeMapping()));
                names.Add(p.GetColumnName(table)!);
            }
            foreach (var complex in entity.GetComplexProperties())
            {
                var owner = complex.PropertyInfo!;
                foreach (var p in complex.ComplexType.GetProperties())
                {
                    var inner = p.PropertyInfo!;
                    plan._columns.Add((o => owner.GetValue(o) is { } c ? inner.GetValue(c) : null, (RelationalTypeMapping)p.GetTypeMapping()));
                    names.Add(p.GetColumnName(table)!);
                }
            }
            plan._table = helper.DelimitIdentifier(table.Name, table.Schema);
            plan._columnList = string.Join(", ", names.Select(n => helper.DelimitIdentifier(n)));
            if (uniqueProperty is not null)
            {
                var unique = entity.FindProperty(uniqueProperty) ?? throw new InvalidOperationException($"{clrType.Name} has no property {uniqueProperty}.");
                plan._uniqueColumn = helper.DelimitIdentifier(unique.GetColumnName(table)!);
                plan._uniqueIndex = names.IndexOf(unique.GetColumnName(table)!);
            }
            // SQLite finds each named parameter by a linear search of the statement's names, so binding a statement costs the
            // square of its parameters: 50 rows of 15 columns took twice as long to insert as 4 (docs/benchmarks.md).
            plan.RowsPerStatement = Math.Max(1, Math.Min(50, (db.Database.IsSqlite() ? SqliteParameters : 2000) / names.Count));
            return plan;
        }

        public DbCommand CreateCommand(DbConnection connection, DbTransaction transaction, int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var tuples = new List<string>(rows);
            for (var r = 0; r < rows; r++)
            {
                var names = new string[_columns.Count];
                for (var c = 0; c < _columns.Count; c++)
                {
                    names[c] = $"@r{r}c{c}";
                    command.Parameters.Add(_columns[c].Mapping.CreateParameter(command, names[c], null, nullable: true));
                }
                tuples.Add("(" + string.Join(", ", names) + ")");
            }
            var values = string.Join(", ", tuples);
            command.CommandText = _uniqueIndex < 0 ? $"INSERT INTO {_table} ({_columnList}) VALUES {values}"
                // Each provider's way to skip a row whose unique key is already stored, without failing the statement.
                : !_sqlServer ? $"INSERT INTO {_table} ({_columnList}) VALUES {values} ON CONFLICT DO NOTHING RETURNING {_uniqueColumn}"
                : $"INSERT INTO {_table} ({_columnList}) OUTPUT inserted.{_uniqueColumn} SELECT * FROM (VALUES {values}) AS v ({_columnList}) " +
                  $"WHERE NOT EXISTS (SELECT 1 FROM {_table} t WITH (UPDLOCK, HOLDLOCK) WHERE t.{_uniqueColumn} = v.{_uniqueColumn})";
            command.Prepare();
            return command;
        }

        public async Task<int> ExecuteAsync(DbCommand command, List<object> rows, HashSet<string>? insertedKeys, CancellationToken ct)
        {
            var p = 0;
            foreach (var row in rows)
            {
                foreach (var (get, mapping) in _columns)
                {
                    var value = get(row);
                    if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                    command.Parameters[p++].Value = value ?? DBNull.Value;
                }
            }
            if (_uniqueIndex < 0) return await command.ExecuteNonQueryAsync(ct);
            var count = 0;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                insertedKeys!.Add(reader.GetString(0));
                count++;
            }
            return count;
        }
    }
}
