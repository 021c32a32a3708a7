using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>
/// Reads every stored order as the customer models need it, in no particular order: customer, day, amount paid,
/// discount and its main product (<see cref="Domain.Orders.Order.MainProductId"/>). Ids are Guids in their lowercase text form.
/// </summary>
public static class OrderScan
{
    /// <summary>One order; <see cref="Day"/> is its <see cref="DateOnly.DayNumber"/>, <see cref="Product"/> null for an order without lines.</summary>
    public readonly record struct Row(string Customer, int Day, double Total, double Discount, string? Product);

    public static IAsyncEnumerable<Row> ReadAsync(CampaignsDbContext db, CancellationToken ct) =>
        db.Database.IsSqlite() ? ReadSqliteAsync(db.Database.GetConnectionString()!, ct) : ReadModelAsync(db, ct);

    private static async IAsyncEnumerable<Row> ReadModelAsync(CampaignsDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking().Select(o => new
        {
            o.CustomerId,
            o.PlacedAt,
            o.Total,
            o.Discount,
            o.MainProductId,
        });
        await foreach (var o in orders.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(o.CustomerId.ToString(), DateOnly.FromDateTime(o.PlacedAt).DayNumber, (double)o.Total, (double)o.Discount, o.MainProductId?.ToString());
    }

    private const int ChunkRows = 4096;

    /// <summary>
    /// SQLite keeps Guids and dates as text: parsing them into .NET values and printing the ids back took most of a read of
    /// millions of orders, so SQLite hands over the lowercase ids and the day number itself (julianday of 0001-01-01 is
    /// 1721425.5). One connection runs on one core: two connections read the two halves of the table's rowids at once. Rows come in rowid order all the same (the second
    /// half waits in memory, its ids shared), so a model trained twice on the same orders sees them in the same order.
    /// Each half is read in its own snapshot: an order written meanwhile may be missed, never read twice.
    /// </summary>
    private static async IAsyncEnumerable<Row> ReadSqliteAsync(string connectionString, [EnumeratorCancellation] CancellationToken ct)
    {
        long first, last;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var bounds = connection.CreateCommand();
            bounds.CommandText = """SELECT coalesce(min(rowid), 0), coalesce(max(rowid), -1) FROM "Orders" """;
            await using var reader = await bounds.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (first, last) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        if (last < first) yield break;
        var middle = first + (last - first) / 2;
        Channel<Row[]>[] halves = [Channel.CreateBounded<Row[]>(new BoundedChannelOptions(16) { SingleReader = true }), Channel.CreateUnbounded<Row[]>()];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readers = new[] { (From: first, To: middle), (From: middle + 1, To: last) }.Select((range, h) =>
            // Own threads, not the pool's: each blocks on its connection for the whole read.
            Task.Factory.StartNew(() => ReadRange(connectionString, range.From, range.To, halves[h].Writer, stop.Token), stop.Token,
                TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            foreach (var half in halves)
                await foreach (var chunk in half.Reader.ReadAllAsync(ct))
                    foreach (var row in chunk)
                        yield return row;
        }
        finally
        {
            // A consumer that stops early (or fails) must not leave a reader blocked on a full channel.
            await stop.CancelAsync();
            await Task.WhenAll(readers).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static void ReadRange(string connectionString, long from, long to, ChannelWriter<Row[]> chunks, CancellationToken ct)
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT lower("CustomerId"), CAST(julianday(substr("PlacedAt", 1, 10)) - 1721425.5 AS INTEGER), "Total", "Discount", lower("MainProductId")
                FROM "Orders" WHERE rowid BETWEEN $from AND $to
                """;
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            using var reader = command.ExecuteReader();
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string id) => ids.TryGetValue(id, out var known) ? known : ids[id] = id;
            var chunk = new List<Row>(ChunkRows);
            while (reader.Read())
            {
                chunk.Add(new(Shared(reader.GetString(0)), reader.GetInt32(1), reader.GetDouble(2), reader.GetDouble(3), reader.IsDBNull(4) ? null : Shared(reader.GetString(4))));
                if (chunk.Count < ChunkRows) continue;
                Send(chunk, chunks, ct);
                chunk.Clear();
            }
            if (chunk.Count > 0) Send(chunk, chunks, ct);
            chunks.TryComplete();
        }
        catch (Exception e)
        {
            chunks.TryComplete(e);
        }
    }

    private static void Send(List<Row> chunk, ChannelWriter<Row[]> chunks, CancellationToken ct)
    {
        var rows = chunk.ToArray();
        if (!chunks.TryWrite(rows)) chunks.WriteAsync(rows, ct).AsTask().GetAwaiter().GetResult();
    }
}
