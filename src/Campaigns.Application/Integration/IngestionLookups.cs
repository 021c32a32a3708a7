using System.Collections.Concurrent;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Integration;

/// <summary>
/// Resolves a batch's campaigns, customers and assignments with one query per 500 keys, remembering answers
/// that can never change (a customer's internal id, a sticky assignment). Only facts that exist are cached, so a
/// customer imported later is found; a campaign's experiment, whose status and window change, is read every batch.
/// Another instance needs none of this state.
/// </summary>
public sealed class IngestionLookups
{
    /// <summary>What a batch needs of a campaign's experiment: whether events are taken now, and the window they must lie in.</summary>
    public sealed record ExperimentWindow(Guid Id, bool Live, string CampaignStatus, DateTime? StartedAt, DateTime? EndedAt);

    private const int Chunk = 500;
    private const int MaxEntries = 2_000_000;
    private readonly ConcurrentDictionary<string, Guid> _customerIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid Experiment, Guid Customer), Guid> _arms = new();

    public async Task<Dictionary<Guid, ExperimentWindow>> ExperimentsAsync(CampaignsDbContext db, IEnumerable<Guid> campaignIds, CancellationToken ct)
    {
        var found = new Dictionary<Guid, ExperimentWindow>();
        foreach (var chunk in campaignIds.Distinct().Chunk(Chunk))
        {
            var rows = await (from e in db.Experiments.AsNoTracking()
                              join c in db.Campaigns.AsNoTracking() on e.CampaignId equals c.Id
                              where chunk.Contains(e.CampaignId)
                              select new { e.CampaignId, e.Id, e.Status, CampaignStatus = c.Status, e.StartedAt, e.EndedAt }).ToListAsync(ct);
            foreach (var r in rows)
                found[r.CampaignId] = new ExperimentWindow(r.Id, r.Status == ExperimentStatus.Running && r.CampaignStatus == CampaignStatus.Live,
                    r.CampaignStatus == CampaignStatus.PendingApproval ? "waiting for approval" : r.CampaignStatus.ToString().ToLowerInvariant(),
                    r.StartedAt, r.EndedAt);
        }
        return found;
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
