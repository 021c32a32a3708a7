using System.Collections.Concurrent;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Integration;

/// <summary>
/// Resolves a batch's campaigns, customers and assignments with one query per 500 keys, remembering answers
/// that can never change (a campaign's experiment, a customer's internal id, a sticky assignment). Only facts
/// that exist are cached, so a customer imported later is found; another instance needs none of this state.
/// </summary>
public sealed class IngestionLookups
{
    private const int Chunk = 500;
    private const int MaxEntries = 2_000_000;
    private readonly ConcurrentDictionary<Guid, Guid> _experimentOfCampaign = new();
    private readonly ConcurrentDictionary<string, Guid> _customerIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid Experiment, Guid Customer), Guid> _arms = new();

    public async Task<Dictionary<Guid, Guid>> ExperimentsAsync(CampaignsDbContext db, IEnumerable<Guid> campaignIds, CancellationToken ct)
    {
        var wanted = campaignIds.Distinct().ToList();
        var missing = wanted.Where(id => !_experimentOfCampaign.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            foreach (var e in await db.Experiments.AsNoTracking().Where(e => missing.Contains(e.CampaignId)).Select(e => new { e.CampaignId, e.Id }).ToListAsync(ct))
                _experimentOfCampaign[e.CampaignId] = e.Id;
        return wanted.Where(_experimentOfCampaign.ContainsKey).ToDictionary(id => id, id => _experimentOfCampaign[id]);
    }

    public async Task<Dictionary<string, Guid>> CustomersAsync(CampaignsDbContext db, IEnumerable<string> externalIds, CancellationToken ct)
    {
        var wanted = externalIds.Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in wanted.Where(id => !_customerIds.ContainsKey(id)).Chunk(Chunk))
            foreach (var c in await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.ExternalId)).Select(c => new { c.ExternalId, c.Id }).ToListAsync(ct))
                Remember(_customerIds, c.ExternalId, c.Id);
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var id in wanted)
            if (_customerIds.TryGetValue(id, out var guid)) found[id] = guid;
        return found;
    }

    public async Task<Dictionary<(Guid Experiment, Guid Customer), Guid>> ArmsAsync(CampaignsDbContext db, IEnumerable<(Guid Experiment, Guid Customer)> pairs, CancellationToken ct)
    {
        var wanted = pairs.Distinct().ToList();
        foreach (var byExperiment in wanted.Where(p => !_arms.ContainsKey(p)).GroupBy(p => p.Experiment))
            foreach (var chunk in byExperiment.Select(p => p.Customer).Chunk(Chunk))
                foreach (var a in await db.Assignments.AsNoTracking().Where(a => a.ExperimentId == byExperiment.Key && chunk.Contains(a.CustomerId))
                             .Select(a => new { a.CustomerId, a.ArmId }).ToListAsync(ct))
                    Remember(_arms, (byExperiment.Key, a.CustomerId), a.ArmId);
        var found = new Dictionary<(Guid, Guid), Guid>();
        foreach (var p in wanted)
            if (_arms.TryGetValue(p, out var arm)) found[p] = arm;
        return found;
    }

    private static void Remember<TKey>(ConcurrentDictionary<TKey, Guid> cache, TKey key, Guid value) where TKey : notnull
    {
        // A crude bound: a store with more customers than this simply looks them up again.
        if (cache.Count >= MaxEntries) cache.Clear();
        cache[key] = value;
    }
}
