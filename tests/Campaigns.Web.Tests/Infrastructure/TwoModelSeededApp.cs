using Campaigns.Application.Targeting;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>
/// A store with two trained uplift versions: v1 (T-learner, current) and v2 (S-learner, a candidate: with no schedule
/// rule a second version waits for an Admin).
/// </summary>
public sealed class TwoModelSeededApp : SeededApp, IAsyncLifetime
{
    public TwoModelSeededApp() : base(3000) { }

    /// <remarks>
    /// The statuses are arranged, not left to the promotion rule: on a store this small a T-learner's Qini is near
    /// zero, and these tests are about the registry, not about which model wins.
    /// </remarks>
    public async Task InitializeAsync()
    {
        using var scope = App.Services.CreateScope();
        var training = scope.ServiceProvider.GetRequiredService<UpliftTrainingService>();
        await training.TrainAsync(new TrainingRequest(UpliftLearner.T), "tests", null);
        await training.TrainAsync(new TrainingRequest(UpliftLearner.S), "tests", null);
        await ResetVersionsAsync(candidateGain: 0);
    }

    /// <summary>Back to v1 current and v2 a candidate whose main metric is v1's plus <paramref name="candidateGain"/>, with no pending sign-offs.</summary>
    public async Task ResetVersionsAsync(double candidateGain)
    {
        await using var db = App.OpenDatabase();
        var versions = await db.ModelVersions.Where(v => v.Kind == ModelKind.UpliftTargeting).ToListAsync();
        var v1 = versions.Single(v => v.Version == 1);
        foreach (var v in versions) v.Status = v.Version == 1 ? ModelStatus.Current : v.Version == 2 ? ModelStatus.Candidate : ModelStatus.Retired;
        var v2 = versions.Single(v => v.Version == 2);
        (v1.PromotedAt, v2.PromotedAt) = (v1.PromotedAt ?? v1.CreatedAt, null);
        v2.MainMetric = v1.MainMetric + candidateGain;
        foreach (var v in versions) v.MeetsBar = true;
        db.ModelSignOffs.RemoveRange(db.ModelSignOffs);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
