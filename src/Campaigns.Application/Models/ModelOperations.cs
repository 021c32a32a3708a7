using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>
/// Promotes, rolls back and signs off model versions. A version is made current only after its kind has loaded and
/// verified its artifact, so a corrupt file never replaces a working model; every change is audited.
/// </summary>
public sealed class ModelOperations(IDbContextFactory<CampaignsDbContext> dbFactory, IJobQueue jobs)
{
    private const string ReasonNeeded = "Give a reason: it goes into the audit log with the change.";

    /// <summary>
    /// Makes a version current. Below its kind's bar, or worse than the current one on the main metric: a Manager's
    /// sign-off is requested instead.
    /// </summary>
    public async Task<Result> PromoteAsync(Guid versionId, string admin, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Result.Invalid("reason", ReasonNeeded);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return Result.NotFound("This version no longer exists.");
        if (version.WhyNotPromotable() is { } refused) return Result.Refused(refused);
        var current = await CurrentAsync(db, version.Kind, ct);
        var reference = current.Select(v => v.MainMetric).FirstOrDefault();
        var metric = ModelKinds.Get(version.Kind).Metric;
        if (version.WhySignOffNeeded(reference, metric) is { } why)
        {
            if (await db.ModelSignOffs.AnyAsync(s => s.ModelVersionId == versionId && s.Status == SignOffStatus.Pending, ct))
                return Result.Refused($"v{version.Version} already waits for a Manager's sign-off.");
            db.ModelSignOffs.Add(ModelSignOff.Request(version, admin, reason));
            db.Audit(admin, "model.signoff.request", nameof(ModelVersion), version.Id, $"{version.Kind} v{version.Version}: {reason.Trim()}");
            await db.SaveChangesAsync(ct);
            return Result.Refused($"{why}: a Manager must sign off first. The request is waiting under Model sign-offs.");
        }
        return await MakeCurrentAsync(db, version, current, admin, "model.promote", reason.Trim(), ct);
    }

    /// <summary>Restores an earlier version, whatever its metric: rolling back is how a bad promotion is undone at once.</summary>
    public async Task<Result> RollBackAsync(Guid versionId, string admin, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Result.Invalid("reason", ReasonNeeded);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return Result.NotFound("This version no longer exists.");
        if (version.WhyNotRollBackTarget() is { } refused) return Result.Refused(refused);
        return await MakeCurrentAsync(db, version, await CurrentAsync(db, version.Kind, ct), admin, "model.rollback", reason.Trim(), ct);
    }

    /// <summary>A Manager agrees (the version becomes current) or refuses (it stays a candidate).</summary>
    public async Task<Result> DecideSignOffAsync(Guid signOffId, string manager, bool approve, string? comment, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var signOff = await db.ModelSignOffs.SingleOrDefaultAsync(s => s.Id == signOffId, ct);
        if (signOff is null) return Result.NotFound("This request is no longer waiting.");
        if (signOff.Decide(manager, approve, comment, DateTime.UtcNow) is { } refused) return Result.Refused(refused);
        db.Audit(manager, approve ? "model.signoff.approve" : "model.signoff.reject", nameof(ModelVersion), signOff.ModelVersionId,
            $"{signOff.Kind} v{signOff.Version}{(signOff.DecisionComment is null ? "" : ": " + signOff.DecisionComment)}");
        if (!approve)
        {
            await db.SaveChangesAsync(ct);
            return Result.Done($"Refused: v{signOff.Version} stays a candidate.");
        }
        var version = await db.ModelVersions.SingleAsync(v => v.Id == signOff.ModelVersionId, ct);
        return await MakeCurrentAsync(db, version, await CurrentAsync(db, version.Kind, ct), manager, "model.promote", $"signed off for {signOff.RequestedBy}: {signOff.Reason}", ct);
    }

    /// <summary>An Admin acknowledges a monitoring flag (after acting on it); the next check raises it again if the problem remains.</summary>
    public async Task<Result> ClearAlertAsync(Guid alertId, string admin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alert = await db.ModelAlerts.SingleOrDefaultAsync(a => a.Id == alertId && a.ClearedAt == null, ct);
        if (alert is null) return Result.NotFound("This alert is no longer open.");
        alert.ClearedAt = DateTime.UtcNow;
        alert.ClearedBy = admin;
        db.Audit(admin, "model.alert.clear", nameof(ModelAlert), alert.Id, alert.Reason);
        await db.SaveChangesAsync(ct);
        return Result.Done("Alert cleared.");
    }

    private static Task<List<ModelVersion>> CurrentAsync(CampaignsDbContext db, ModelKind kind, CancellationToken ct) =>
        db.ModelVersions.Where(v => v.Kind == kind && v.Status == ModelStatus.Current).ToListAsync(ct);

    private async Task<Result> MakeCurrentAsync(CampaignsDbContext db, ModelVersion version, List<ModelVersion> current, string user, string action, string reason, CancellationToken ct)
    {
        // Load before switching: a corrupt or unreadable artifact must leave the current version serving.
        try
        {
            var artifact = await new ModelStore(db).VerifiedArtifactAsync(version.Id, ct);
            if (ModelVersionWriter.Unverified(ModelKinds.Get(version.Kind), artifact) is { } problem) throw new InvalidDataException($"Model v{version.Version}: {problem}");
        }
        catch (InvalidDataException ex)
        {
            return Result.Refused($"v{version.Version} was not made current: {ex.Message} The current version keeps serving.");
        }
        version.MakeCurrent(current, DateTime.UtcNow);
        db.Audit(user, action, nameof(ModelVersion), version.Id, $"{version.Kind} v{version.Version} current: {reason}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Refused("Someone changed the models at the same moment. Reload and try again.");
        }
        var done = $"v{version.Version} is now current{(current.Count > 0 ? $"; v{string.Join(", v", current.Select(c => c.Version))} retired and kept for rollback" : "")}.";
        return Result.Done(done + await ModelServing.StartAsync(jobs, version.Kind, user, ct));
    }
}
