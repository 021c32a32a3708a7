using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Importers;

/// <summary>What a batch did: rows inserted, updated, unchanged, and rows rejected by checks that need the database.</summary>
internal sealed record BatchOutcome(long Inserted, long Updated, long Skipped, List<(ImportRow Row, RowProblem Problem)> Rejected);

/// <summary>Everything an importer needs about the file and the run.</summary>
internal sealed record ImportContext(CampaignsDbContext Db, IDbContextFactory<CampaignsDbContext> DbFactory, ImportSettings Settings,
    IReadOnlyList<string> Header, IReadOnlyDictionary<string, int> Columns, bool Write, string User);

/// <summary>The rows of one import kind: parsed and checked one by one, then stored a batch at a time.</summary>
internal interface IImporter
{
    /// <summary>Parses and checks one row; keeps it for the next batch when valid and <paramref name="keep"/>.</summary>
    bool Accept(ImportRow row, bool keep);
    /// <summary>How many kept rows can be stored now without splitting a unit (an order's lines).</summary>
    int Flushable(int batchSize, bool end);
    /// <summary>The first row not yet stored (its number), when rows are kept.</summary>
    long? FirstPendingRow { get; }
    Task<BatchOutcome> FlushAsync(int count, CancellationToken ct);
    /// <summary>Work after the last batch (a campaign's rollup); returns file-level problems.</summary>
    Task<List<RowProblem>> FinishAsync(CancellationToken ct);
    IReadOnlySet<Guid> TouchedCustomers { get; }
}

internal abstract class Importer<T>(ImportContext context) : IImporter where T : Importer<T>.Item
{
    public abstract record Item(ImportRow Row);

    private readonly List<T> _pending = [];
    protected readonly ImportContext Context = context;
    protected CampaignsDbContext Db => Context.Db;
    protected readonly HashSet<Guid> Touched = [];

    /// <summary>Keys seen in this file and the row they first appeared on: a second row with the same key is rejected.</summary>
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    public IReadOnlySet<Guid> TouchedCustomers => Touched;
    public long? FirstPendingRow => _pending.Count > 0 ? _pending[0].Row.Number : null;

    protected abstract T? Parse(ImportRow row);
    protected abstract Task<BatchOutcome> StoreAsync(List<T> batch, CancellationToken ct);
    protected virtual bool SameUnit(T previous, T next) => false;
    public virtual Task<List<RowProblem>> FinishAsync(CancellationToken ct) => Task.FromResult(new List<RowProblem>());

    public bool Accept(ImportRow row, bool keep)
    {
        var item = Parse(row);
        if (item is null || row.Problems.Count > 0) return false;
        if (keep) _pending.Add(item);
        return true;
    }

    public int Flushable(int batchSize, bool end)
    {
        if (end) return _pending.Count;
        if (_pending.Count <= batchSize) return 0;
        var count = _pending.Count - 1;
        while (count > 0 && SameUnit(_pending[count - 1], _pending[count])) count--;
        return count;
    }

    public async Task<BatchOutcome> FlushAsync(int count, CancellationToken ct)
    {
        var batch = _pending.GetRange(0, count);
        _pending.RemoveRange(0, count);
        return await StoreAsync(batch, ct);
    }

    /// <summary>The row's external key: the mapped column, or the prefix and the row number; a duplicate in the file is a problem.</summary>
    protected string? Key(ImportRow row, string field, string what, int maxLength = 100)
    {
        var key = Context.Settings.RowIdPrefix is { } prefix ? prefix + row.Number : row.Required(field, maxLength);
        if (key is not null && !_seen.TryAdd(key, row.Number))
            row.Problem(row.Has(field) ? field : null, $"{what} '{key}' already appeared at row {_seen[key]}.");
        return key;
    }

    /// <summary>Keys per look-up query: within SQL Server's 2,100 parameters.</summary>
    protected const int KeysPerQuery = 1000;
    private const int CachedCustomers = 1_000_000;
    private readonly Dictionary<string, Guid> _customerIds = new(StringComparer.Ordinal);

    /// <summary>
    /// Internal ids of stored customers by external id. Ids found are cached for the rest of the import (an order
    /// file names the same customers again and again), up to a bound so a huge file cannot exhaust memory.
    /// </summary>
    protected async Task<Dictionary<string, Guid>> CustomerIdsAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var key in keys.Distinct())
            if (_customerIds.TryGetValue(key, out var id)) ids[key] = id;
            else missing.Add(key);
        if (_customerIds.Count + missing.Count > CachedCustomers) _customerIds.Clear();
        foreach (var chunk in missing.Chunk(KeysPerQuery))
            foreach (var c in await Db.Customers.AsNoTracking().Where(c => chunk.Contains(c.ExternalId)).Select(c => new { c.ExternalId, c.Id }).ToListAsync(ct))
                ids[c.ExternalId] = _customerIds[c.ExternalId] = c.Id;
        return ids;
    }

    protected static (ImportRow, RowProblem) Reject(ImportRow row, string field, string message) =>
        (row, new RowProblem(row.Number, row.Line, row.Has(field) ? row.ColumnOf(field) : field, message));
}
