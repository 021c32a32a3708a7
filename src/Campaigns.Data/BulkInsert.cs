using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Campaigns.Data;

/// <summary>
/// Fast inserts for seeding, imports and event ingestion: one prepared INSERT reused for every row inside a
/// transaction, built from the EF model so column names and value conversions stay the model's own.
/// Change tracking would cost ~10x more per row and hold every entity in memory.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> BulkInsertAsync<T>(this CampaignsDbContext db, IEnumerable<T> rows,
        CancellationToken ct = default, Action<int>? onBatch = null, int batchSize = 10_000) where T : class
    {
        var total = 0;
        await RunAsync(db, InsertPlan.For(db, typeof(T), null), rows, (_, _) => total++, onBatch, batchSize, ct);
        return total;
    }

    /// <summary>
    /// Inserts rows whose unique <paramref name="uniqueProperty"/> is not stored yet and skips the others, so a
    /// batch sent twice is stored once. Returns, per row, whether it was inserted.
    /// </summary>
    public static async Task<bool[]> InsertNewAsync<T>(this CampaignsDbContext db, IReadOnlyList<T> rows, string uniqueProperty,
        CancellationToken ct = default) where T : class
    {
        var inserted = new bool[rows.Count];
        await RunAsync(db, InsertPlan.For(db, typeof(T), uniqueProperty), rows, (i, affected) => inserted[i] = affected > 0, null, int.MaxValue, ct);
        return inserted;
    }

    private static async Task RunAsync<T>(CampaignsDbContext db, InsertPlan plan, IEnumerable<T> rows, Action<int, int> onRow,
        Action<int>? onBatch, int batchSize, CancellationToken ct) where T : class
    {
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere) await db.Database.OpenConnectionAsync(ct);
        try
        {
            using var enumerator = rows.GetEnumerator();
            var more = enumerator.MoveNext();
            var index = 0;
            while (more)
            {
                var outer = db.Database.CurrentTransaction;
                await using var tx = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                command.CommandText = plan.Sql;
                var parameters = plan.CreateParameters(command);
                command.Prepare();
                var inBatch = 0;
                while (more && inBatch < batchSize)
                {
                    ct.ThrowIfCancellationRequested();
                    plan.Bind(parameters, enumerator.Current!);
                    onRow(index++, await command.ExecuteNonQueryAsync(ct));
                    inBatch++;
                    more = enumerator.MoveNext();
                }
                if (tx is not null) await tx.CommitAsync(ct);
                onBatch?.Invoke(index);
            }
        }
        finally
        {
            if (openedHere) await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class InsertPlan(string sql, List<(Func<object, object?> Get, RelationalTypeMapping Mapping)> columns)
    {
        public string Sql { get; } = sql;

        public static InsertPlan For(CampaignsDbContext db, Type clrType, string? uniqueProperty)
        {
            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
            var helper = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = new List<(Func<object, object?>, RelationalTypeMapping)>();
            var names = new List<string>();

            foreach (var p in entity.GetProperties())
            {
                columns.Add((p.PropertyInfo!.GetValue, (RelationalTypeMapping)p.GetTypeMapping()));
                names.Add(p.GetColumnName(table)!);
            }
            foreach (var complex in entity.GetComplexProperties())
            {
                var owner = complex.PropertyInfo!;
                foreach (var p in complex.ComplexType.GetProperties())
                {
                    var inner = p.PropertyInfo!;
                    columns.Add((o => owner.GetValue(o) is { } c ? inner.GetValue(c) : null, (RelationalTypeMapping)p.GetTypeMapping()));
                    names.Add(p.GetColumnName(table)!);
                }
            }
            var tableSql = helper.DelimitIdentifier(table.Name, table.Schema);
            var columnList = string.Join(", ", names.Select(n => helper.DelimitIdentifier(n)));
            var values = string.Join(", ", names.Select((_, i) => "@p" + i));
            var sql = $"INSERT INTO {tableSql} ({columnList}) VALUES ({values})";
            if (uniqueProperty is not null)
            {
                var unique = entity.FindProperty(uniqueProperty) ?? throw new InvalidOperationException($"{clrType.Name} has no property {uniqueProperty}.");
                var column = helper.DelimitIdentifier(unique.GetColumnName(table)!);
                var parameter = "@p" + names.IndexOf(unique.GetColumnName(table)!);
                // Each provider's way to skip a row whose unique key is already stored, without failing the batch.
                sql = db.Database.IsSqlite()
                    ? $"{sql} ON CONFLICT DO NOTHING"
                    : $"INSERT INTO {tableSql} ({columnList}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM {tableSql} WITH (UPDLOCK, HOLDLOCK) WHERE {column} = {parameter})";
            }
            return new InsertPlan(sql, columns);
        }

        public DbParameter[] CreateParameters(DbCommand command)
        {
            var parameters = new DbParameter[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i] = columns[i].Mapping.CreateParameter(command, "@p" + i, null, nullable: true);
                command.Parameters.Add(parameters[i]);
            }
            return parameters;
        }

        public void Bind(DbParameter[] parameters, object row)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var (get, mapping) = columns[i];
                var value = get(row);
                if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                parameters[i].Value = value ?? DBNull.Value;
            }
        }
    }
}
