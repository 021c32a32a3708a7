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
        var plan = InsertPlan.For(db, typeof(T));
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere) await db.Database.OpenConnectionAsync(ct);
        var total = 0;
        try
        {
            using var enumerator = rows.GetEnumerator();
            var more = enumerator.MoveNext();
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
                    await command.ExecuteNonQueryAsync(ct);
                    inBatch++;
                    more = enumerator.MoveNext();
                }
                if (tx is not null) await tx.CommitAsync(ct);
                total += inBatch;
                onBatch?.Invoke(total);
            }
        }
        finally
        {
            if (openedHere) await db.Database.CloseConnectionAsync();
        }
        return total;
    }

    private sealed class InsertPlan(string sql, List<(Func<object, object?> Get, RelationalTypeMapping Mapping)> columns)
    {
        public string Sql { get; } = sql;

        public static InsertPlan For(CampaignsDbContext db, Type clrType)
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
            var sql = $"INSERT INTO {helper.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names.Select(n => helper.DelimitIdentifier(n)))}) " +
                      $"VALUES ({string.Join(", ", names.Select((_, i) => "@p" + i))})";
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
