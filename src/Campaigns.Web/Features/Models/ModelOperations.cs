using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Models;

/// <summary>The outcome of a promotion or rollback request, with a message for the Admin.</summary>
public sealed record OperationResult(bool Done, string Message);

/// <summary>
/// Promotes, rolls back and signs off model versions. A version is made current only after its artifact has been
/// loaded and verified, so a corrupt file never replaces a working model; every change is audited.
/// </summary>
public sealed class ModelOperations(IDbContextFactory<CampaignsDbContext> dbFactory, IServiceScopeFactory scopes)
{
    /// <summary>Makes a version current. Worse than the current one on the main metric: a Manager's sign-off is requested instead.</summary>
    public async Task<OperationResult> PromoteAsync(Guid versionId, string admin, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new(false, "Give a reason: it goes into the audit log with the change.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return new(false, "This version no longer exists.");
        if (version.Status == ModelStatus.Current) return new(false, $"v{version.Version} is already current.");
        if (version.Status == ModelStatus.Failed) return new(false, $"v{version.Version} failed in training and cannot be served.");
        var current = await db.ModelVersions.Where(v => v.Kind == version.Kind && v.Status == ModelStatus.Current).ToListAsync(ct);
        var reference = current.Select(v => v.MainMetric).FirstOrDefault();
        if (version.MainMetric is { } candidate && reference is { } best && ModelMetrics.Gain(version.Kind, candidate, best) < 0)
        {
            if (await db.ModelSignOffs.AnyAsync(s => s.ModelVersionId == versionId && s.Status == SignOffStatus.Pending, ct))
                return new(false, $"v{version.Version} already waits for a Manager's sign-off.");
            var signOff = new ModelSignOff { ModelVersionId = version.Id, Kind = version.Kind, Version = version.Version, RequestedBy = admin, Reason = reason.Trim() };
            db.ModelSignOffs.Add(signOff);
            db.Audit(admin, "model.signoff.request", nameof(ModelVersion), version.Id, $"{version.Kind} v{version.Version}: {reason.Trim()}");
            await db.SaveChangesAsync(ct);
            var (metric, _) = ModelMetrics.MainMetric(version.Kind);
            return new(false, $"v{version.Version} is worse than the current version on {metric} ({candidate:0.000} against {best:0.000}): a Manager must sign off first. The request is waiting under Model sign-offs.");
        }
        return await MakeCurrentAsync(db, version, current, admin, "model.promote", reason.Trim(), ct);
    }

    /// <summary>Restores an earlier version, whatever its metric: rolling back is how a bad promotion is undone at once.</summary>
    public async Task<OperationResult> RollBackAsync(Guid versionId, string admin, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new(false, "Give a reason: it goes into the audit log with the change.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return new(false, "This version no longer exists.");
        if (version.Status != ModelStatus.Retired) return new(false, $"Only a retired version can be rolled back to; v{version.Version} is {version.Status.ToString().ToLowerInvariant()}.");
        var current = await db.ModelVersions.Where(v => v.Kind == version.Kind && v.Status == ModelStatus.Current).ToListAsync(ct);
        return await MakeCurrentAsync(db, version, current, admin, "model.rollback", reason.Trim(), ct);
    }

    /// <summary>A Manager agrees (the version becomes current) or refuses (it stays a candidate).</summary>
    public async Task<OperationResult> DecideSignOffAsync(Guid signOffId, string manager, bool approve, string? comment, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var signOff = await db.ModelSignOffs.SingleOrDefaultAsync(s => s.Id == signOffId, ct);
        if (signOff is null || signOff.Status != SignOffStatus.Pending) return new(false, "This request is no longer waiting.");
        if (string.Equals(signOff.RequestedBy, manager, StringComparison.OrdinalIgnoreCase))
            return new(false, "The person who asked for the promotion cannot also sign it off.");
        if (!approve && string.IsNullOrWhiteSpace(comment)) return new(false, "Say why you refuse, so the Admin can act on it.");
        signOff.Status = approve ? SignOffStatus.Approved : SignOffStatus.Rejected;
        signOff.DecidedBy = manager;
        signOff.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        signOff.DecidedAt = DateTime.UtcNow;
        db.Audit(manager, approve ? "model.signoff.approve" : "model.signoff.reject", nameof(ModelVersion), signOff.ModelVersionId,
            $"{signOff.Kind} v{signOff.Version}{(signOff.DecisionComment is null ? "" : ": " + signOff.DecisionComment)}");
        if (!approve)
        {
            await db.SaveChangesAsync(ct);
            return new(true, $"Refused: v{signOff.Version} stays a candidate.");
        }
        var version = await db.ModelVersions.SingleAsync(v => v.Id == signOff.ModelVersionId, ct);
        var current = await db.ModelVersions.Where(v => v.Kind == version.Kind && v.Status == ModelStatus.Current).ToListAsync(ct);
        return await MakeCurrentAsync(db, version, current, manager, "model.promote", $"signed off for {signOff.RequestedBy}: {signOff.Reason}", ct);
    }

    /// <summary>An Admin acknowledges a monitoring flag (after acting on it); the next check raises it again if the problem remains.</summary>
    public async Task<OperationResult> ClearAlertAsync(Guid alertId, string admin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alert = await db.ModelAlerts.SingleOrDefaultAsync(a => a.Id == alertId && a.ClearedAt == null, ct);
        if (alert is null) return new(false, "This alert is no longer open.");
        alert.ClearedAt = DateTime.UtcNow;
        alert.ClearedBy = admin;
        db.Audit(admin, "model.alert.clear", nameof(ModelAlert), alert.Id, alert.Reason);
        await db.SaveChangesAsync(ct);
        return new(true, "Alert cleared.");
    }

    private async Task<OperationResult> MakeCurrentAsync(CampaignsDbContext db, ModelVersion version, List<ModelVersion> current, string user, string action, string reason, CancellationToken ct)
    {
        if (version.Kind == ModelKind.UpliftTargeting)
        {
            // Load before switching: a corrupt or unreadable artifact must leave the current version serving.
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<ModelStore>().LoadUpliftAsync(version.Id, ct);
            }
            catch (InvalidDataException ex)
            {
                return new(false, $"v{version.Version} was not made current: {ex.Message} The current version keeps serving.");
            }
        }
        foreach (var v in current) v.Status = ModelStatus.Retired;
        version.Status = ModelStatus.Current;
        version.PromotedAt = DateTime.UtcNow;
        db.Audit(user, action, nameof(ModelVersion), version.Id, $"{version.Kind} v{version.Version} current: {reason}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(false, "Someone changed the models at the same moment. Reload and try again.");
        }
        return new(true, $"v{version.Version} is now current{(current.Count > 0 ? $"; v{string.Join(", v", current.Select(c => c.Version))} retired and kept for rollback" : "")}.");
    }
}
