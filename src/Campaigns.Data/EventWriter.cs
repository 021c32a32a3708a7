using System.Globalization;
using System.Text.Json;
using Campaigns.Domain.Experiments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Data;

/// <summary>
/// Writes event batches, skipping event ids already stored, and says which ids were new.
/// On SQLite every batch goes through one long-lived writer connection: SQLite takes one writer at a time
/// anyway, and a connection's page cache is dropped whenever another connection writes, so a single writer
/// keeps the events table's hot pages cached. The batch travels as one JSON parameter that SQLite unpacks
/// itself (json_each) instead of eight bound parameters per row. Server databases use the bulk inserter.
/// </summary>
public sealed class EventWriter(IOptions<DatabaseOptions> options, IDbContextFactory<CampaignsDbContext> dbFactory) : IAsyncDisposable
{
    private const string SqliteInsert = """
        INSERT INTO "Events" ("EventKey", "ArmId", "CustomerId", "ExperimentId", "OccurredAt", "Revenue", "Type")
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
               json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]')
        FROM json_each(@batch) WHERE true
        ON CONFLICT DO NOTHING
        RETURNING "EventKey"
        """;

    private readonly SemaphoreSlim _writer = new(1, 1);
    private SqliteConnection? _connection;

    public async Task<HashSet<string>> InsertNewAsync(IReadOnlyList<ExperimentEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0) return [];
        if (options.Value.Provider != DatabaseProvider.Sqlite) return await InsertNewOnServerAsync(events, ct);

        var batch = ToJson(events);
        await _writer.WaitAsync(ct);
        try
        {
            var connection = await OpenAsync(ct);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = SqliteInsert;
            command.Parameters.AddWithValue("@batch", batch);
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
            await tx.CommitAsync(ct);
            return inserted;
        }
        catch
        {
            // A broken connection is replaced on the next batch rather than reused.
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            throw;
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (_connection is { State: System.Data.ConnectionState.Open }) return _connection;
        _connection = new SqliteConnection(options.Value.SqliteConnectionString());
        await _connection.OpenAsync(ct);
        await using var pragmas = _connection.CreateCommand();
        pragmas.CommandText = SqlitePragmas.For(options.Value.BusyTimeoutSeconds).Sql;
        await pragmas.ExecuteNonQueryAsync(ct);
        return _connection;
    }

    /// <summary>
    /// A server database takes concurrent batches, each in its own transaction. SQL Server's default collation compares keys
    /// without case, so a batch keeps one of "abc" and "ABC" (two would break the primary key); PostgreSQL compares them
    /// as they are, like SQLite. Rows go in key order, so concurrent batches take their key locks in the same order; a
    /// batch still chosen as a deadlock victim is run again, which is safe because it only inserts what is new.
    /// </summary>
    private async Task<HashSet<string>> InsertNewOnServerAsync(IReadOnlyList<ExperimentEvent> events, CancellationToken ct)
    {
        StringComparer keys = options.Value.Provider == DatabaseProvider.SqlServer ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var rows = events.DistinctBy(e => e.EventKey, keys).OrderBy(e => e.EventKey, keys).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var inserted = await db.BulkInsertNewAsync(rows, nameof(ExperimentEvent.EventKey), ct);
                await tx.CommitAsync(ct);
                return inserted;
            }
            catch (Exception ex) when (DatabaseErrors.IsDeadlock(ex) && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }

    /// <summary>Rows in EF's SQLite storage formats: upper-case GUID text, "yyyy-MM-dd HH:mm:ss.FFFFFFF" dates, REAL money, the event type by name.</summary>
    private static string ToJson(IReadOnlyList<ExperimentEvent> events)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(events.Count * 200);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var e in events)
            {
                json.WriteStartArray();
                json.WriteStringValue(e.EventKey);
                if (e.ArmId is { } arm) json.WriteStringValue(arm.ToString().ToUpperInvariant()); else json.WriteNullValue();
                json.WriteStringValue(e.CustomerId.ToString().ToUpperInvariant());
                json.WriteStringValue(e.ExperimentId.ToString().ToUpperInvariant());
                json.WriteStringValue(e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                json.WriteNumberValue((double)e.Revenue);
                json.WriteStringValue(e.Type.ToString());
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _writer.Dispose();
    }
}
