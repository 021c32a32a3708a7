using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>How every training stores its result: the next version number, and one save that retires the current version when the new one is promoted.</summary>
internal static class TrainedVersions
{
    public static async Task<int> NextVersionAsync(this CampaignsDbContext db, ModelKind kind, CancellationToken ct) =>
        (await db.ModelVersions.Where(v => v.Kind == kind).MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1;

    /// <summary>Artifact, metrics, status and audit entry are written together, so no half-stored version is ever current.</summary>
    public static async Task SaveTrainedAsync(this CampaignsDbContext db, ModelVersion version, IEnumerable<ModelVersion> current, string summary)
    {
        if (version.Status == ModelStatus.Current)
            foreach (var v in current) v.Status = ModelStatus.Retired;
        db.ModelVersions.Add(version);
        db.Audit(version.TriggeredBy, version.Status == ModelStatus.Current ? "model.promote" : "model.candidate", nameof(ModelVersion), version.Id, summary);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
