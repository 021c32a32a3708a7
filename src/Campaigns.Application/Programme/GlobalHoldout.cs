using Campaigns.Application.Common.Formatting;
using Campaigns.Data;
using Campaigns.Domain.Programme;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Programme;

/// <summary>
/// The global holdout as it stands at one moment: the customers left out of every promotion. The audience builder
/// leaves them out (and counts them); the assignment API refuses them.
/// </summary>
public sealed class GlobalHoldout
{
    private readonly HoldoutPeriod? _period;

    private GlobalHoldout(HoldoutPeriod? period) => _period = period;

    /// <summary>How many customers <see cref="LeaveOut{T}"/> has removed so far.</summary>
    public int LeftOut { get; private set; }

    /// <summary>The period in force at the moment (none before the first start date).</summary>
    public static async Task<GlobalHoldout> AtAsync(CampaignsDbContext db, DateTime at, CancellationToken ct = default) =>
        new(await db.HoldoutPeriods.AsNoTracking().Where(p => p.StartsAt <= at && (p.EndsAt == null || p.EndsAt > at))
            .OrderByDescending(p => p.StartsAt).FirstOrDefaultAsync(ct));

    /// <summary>Why a customer may not be promoted to now; null when they are not held out.</summary>
    public static async Task<string?> RefusalAsync(CampaignsDbContext db, Guid customerId, string customerKey, CancellationToken ct = default)
    {
        var holdout = await AtAsync(db, DateTime.UtcNow, ct);
        return holdout._period is { } p && p.Holds(customerId)
            ? $"Customer '{customerKey}' is in the global holdout ({Display.Percent(p.Share)} of customers, since {p.StartsAt:yyyy-MM-dd}), who receive no promotion so the whole programme's effect can be measured."
            : null;
    }

    /// <summary>Whether a period is in force at the moment (a share of customers is held out).</summary>
    public bool InForce => _period is not null;

    public bool Holds(Guid customerId) => _period is { } p && p.Holds(customerId);

    /// <summary>The batch without its held-out customers (the same list when none is), counting those left out.</summary>
    public List<T> LeaveOut<T>(List<T> batch, Func<T, Guid> id)
    {
        if (_period is null) return batch;
        var kept = batch.Where(r => !_period.Holds(id(r))).ToList();
        LeftOut += batch.Count - kept.Count;
        return kept;
    }
}
