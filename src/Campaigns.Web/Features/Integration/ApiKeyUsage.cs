using System.Collections.Concurrent;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Integration;

/// <summary>
/// Records when each API key was last used, off the request path: authentication only notes the time in memory (at
/// most once per <see cref="Precision"/> per key), and this writer stores the noted times every few seconds. A busy
/// database then slows no authenticated request; a time not stored stays noted for the next tick.
/// </summary>
public sealed class ApiKeyUsage(IDbContextFactory<CampaignsDbContext> dbFactory, ILogger<ApiKeyUsage> log) : BackgroundService
{
    /// <summary>Admins see last use to the minute; finer would cost a write per request.</summary>
    public static readonly TimeSpan Precision = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, DateTime> _noted = new();
    private readonly ConcurrentDictionary<Guid, DateTime> _pending = new();

    /// <summary>Notes a use of the key, unless one within <see cref="Precision"/> is stored or noted already.</summary>
    public void Note(Guid keyId, DateTime? stored, DateTime now)
    {
        var last = _noted.TryGetValue(keyId, out var noted) && !(noted < stored) ? noted : stored;
        if (now - last < Precision) return;
        _noted[keyId] = now;
        _pending[keyId] = now;
    }

    /// <summary>Stores the noted times; one that cannot be stored now (the database busy) is kept for the next call.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.IsEmpty) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (keyId, at) in _pending.ToArray())
        {
            try
            {
                await db.ApiKeys.Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, at), ct);
                // Only if no later use was noted meanwhile: that one is stored at the next tick.
                _pending.TryRemove(new KeyValuePair<Guid, DateTime>(keyId, at));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Last use of API key {KeyId} not stored yet: {Reason}", keyId, ex.GetBaseException().Message);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What was noted since the last tick, so a restart loses no use.
        try { await FlushAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }
}
