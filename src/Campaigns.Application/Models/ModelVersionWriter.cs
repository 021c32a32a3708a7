using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>
/// Stores every kind's trained version the same way: the promotion rule decides (with the schedule's margin); a version
/// to be promoted is verified first (its artifact loaded and checked by its kind), and artifact, checksum, metrics, status
/// and audit entry are written in one save that retires the current version, so no half-stored version is ever current.
/// </summary>
public sealed class ModelVersionWriter(CampaignsDbContext db)
{
    public async Task<StoredVersion> StoreAsync(CandidateVersion candidate, TrainingRun run, CancellationToken ct)
    {
        var definition = ModelKinds.Get(candidate.Kind);
        var current = await db.ModelVersions.Where(v => v.Kind == candidate.Kind && v.Status == ModelStatus.Current).ToListAsync(ct);
        var margin = await db.RetrainingSchedules.Where(x => x.Kind == candidate.Kind).Select(x => x.AutoPromoteMinGain).FirstOrDefaultAsync(ct);
        var (rule, decision) = PromotionRule.Decide(definition.Metric, candidate.Passes, candidate.MainMetric, current.Select(v => v.MainMetric).FirstOrDefault(), margin);
        var status = rule == PromotionDecision.Promote ? ModelStatus.Current : ModelStatus.Candidate;
        if (status == ModelStatus.Current && Unverified(definition, candidate.Artifact) is { } problem)
            (status, decision) = (ModelStatus.Failed, $"Not promoted: {problem}");
        var version = new ModelVersion
        {
            Kind = candidate.Kind,
            Version = (await db.ModelVersions.Where(v => v.Kind == candidate.Kind).MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1,
            Learner = candidate.Learner,
            Status = ModelStatus.Candidate,
            MainMetric = candidate.MainMetric,
            MeetsBar = candidate.Passes,
            TrainingTime = DateTime.UtcNow - candidate.Started,
            Artifact = candidate.Artifact,
            ArtifactSha256 = ModelStore.Checksum(candidate.Artifact),
            MetricsJson = candidate.MetricsJson(decision),
            FeaturesJson = candidate.FeaturesJson,
            DataFrom = candidate.DataFrom,
            DataTo = candidate.DataTo,
            RowCount = candidate.RowCount,
            JobRunId = run.JobRunId,
            TriggeredBy = run.TriggeredBy,
        };
        if (status == ModelStatus.Current) version.MakeCurrent(current, DateTime.UtcNow);
        else version.Status = status;
        // The point of no return: a cancel requested until now wins over the finished training.
        ct.ThrowIfCancellationRequested();
        if (run.ConfirmAsync is { } confirm) await confirm(ct);
        db.ModelVersions.Add(version);
        db.Audit(version.TriggeredBy, status == ModelStatus.Current ? "model.promote" : "model.candidate", nameof(ModelVersion), version.Id,
            $"{definition.Title} v{version.Version} ({version.Learner}): {decision}");
        await db.SaveChangesAsync(CancellationToken.None);
        return new StoredVersion(version.Kind, version.Id, version.Version, version.Learner, version.Status, decision, candidate.MainMetric);
    }

    /// <summary>Why the artifact cannot serve, or null when its kind loaded and checked it.</summary>
    internal static string? Unverified(ModelKindDefinition definition, byte[] artifact)
    {
        try
        {
            definition.Verify(artifact);
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException)
        {
            return $"its artifact does not load ({ex.Message}).";
        }
    }
}
