using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Programme;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Programme;

/// <summary>
/// Sets the global holdout. Every change starts a new period and ends the previous one, so measurement knows who was
/// held out when; a change of share keeps the salt (members stay nested), a re-draw takes a new one and needs a reason.
/// </summary>
public sealed class HoldoutAdmin(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public const int MaxReasonLength = 500;

    public async Task<HoldoutOverview> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var periods = await db.HoldoutPeriods.AsNoTracking().OrderByDescending(p => p.StartsAt).ThenByDescending(p => p.SetAt).ToListAsync(ct);
        var now = DateTime.UtcNow;
        var inForce = periods.FirstOrDefault(p => p.InForceAt(now));
        int customers = 0, heldOut = 0;
        await foreach (var id in db.Customers.AsNoTracking().Select(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            customers++;
            if (inForce?.Holds(id) == true) heldOut++;
        }
        return new HoldoutOverview(periods, inForce, customers, heldOut);
    }

    /// <summary>Starts a new period from the request's day; refused with field errors when a bound is broken.</summary>
    public async Task<Result<HoldoutPeriod>> SaveAsync(HoldoutRequest request, string admin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.HoldoutPeriods.Where(p => p.EndsAt == null).OrderByDescending(p => p.StartsAt).FirstOrDefaultAsync(ct);
        var startsAt = DateTime.SpecifyKind(request.StartsOn.Date, DateTimeKind.Utc);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var share = request.SharePercent / 100;
        var errors = new List<FieldError>();
        if (double.IsNaN(share) || share is < HoldoutPeriod.MinShare or > HoldoutPeriod.MaxShare)
            errors.Add(new(nameof(request.SharePercent), $"Hold out {HoldoutPeriod.MinShare * 100:0.#}% to {HoldoutPeriod.MaxShare * 100:0}% of customers: fewer cannot measure the programme, more costs too many sales."));
        if (startsAt < DateTime.UtcNow.Date)
            errors.Add(new(nameof(request.StartsOn), "The holdout cannot start in the past: customers already promoted to would count as held out."));
        else if (latest is not null && startsAt < latest.StartsAt)
            errors.Add(new(nameof(request.StartsOn), $"Start on or after {latest.StartsAt:yyyy-MM-dd}, when the current setting starts."));
        if (request.Redraw && latest is not null && reason is null)
            errors.Add(new(nameof(request.Reason), "Say why the holdout is re-drawn: it changes who is held out and is kept in the audit log."));
        if (reason is { Length: > MaxReasonLength })
            errors.Add(new(nameof(request.Reason), $"Keep the reason to {MaxReasonLength} characters."));
        if (errors.Count == 0 && latest is not null && !request.Redraw && Math.Abs(latest.Share - share) < 1e-9)
            errors.Add(new(nameof(request.SharePercent), $"The holdout already holds {Display.Percent(share)}: change the share, or re-draw it."));
        if (errors.Count > 0) return Result<HoldoutPeriod>.Invalid(errors);

        var fresh = request.Redraw || latest is null;
        var period = new HoldoutPeriod
        {
            Share = share,
            Salt = fresh ? HoldoutPeriod.MakeSalt() : latest!.Salt,
            StartsAt = startsAt,
            FreshDraw = fresh,
            Reason = reason,
            SetBy = admin,
        };
        if (latest is not null) latest.EndsAt = startsAt;
        db.HoldoutPeriods.Add(period);
        var what = latest is null ? "first draw" : request.Redraw ? "re-drawn with a new salt" : $"share changed from {Display.Percent(latest.Share)}, same draw";
        db.Audit(admin, request.Redraw && latest is not null ? "programme.holdout.redraw" : "programme.holdout", nameof(HoldoutPeriod), period.Id,
            $"{Display.Percent(share)} of customers held out from {startsAt:yyyy-MM-dd}, {what}" + (reason is null ? "" : $": {reason}"));
        await db.SaveChangesAsync(ct);
        return Result<HoldoutPeriod>.Done(period, $"Saved: {Display.Percent(share)} of customers held out from {startsAt:yyyy-MM-dd}" +
            (request.Redraw && latest is not null ? ", re-drawn." : "."));
    }
}
