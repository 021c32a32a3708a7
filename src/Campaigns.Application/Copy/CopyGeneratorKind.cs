using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>The copy generator: writes headline and body suggestions for a channel, offer and tone.</summary>
public sealed class CopyGeneratorKind : ModelKindDefinition
{
    public override ModelKind Kind => ModelKind.CopyGenerator;
    public override string Title => "Copy generator";
    public override MainMetric Metric { get; } = new("held-out perplexity", HigherIsBetter: false);
    public override Type Trainer => typeof(CopyTrainingService);
    public override Type Monitor => typeof(CopyGeneratorMonitor);

    public override void Verify(byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        using var generator = CopyGenerator.Load(stream);
    }

    public override Task<bool> HasTrainingDataAsync(CampaignsDbContext db, CancellationToken ct) => HasCopyAsync(db, ct);

    /// <summary>Enough copy that ran for a held-out split to mean something (a store with a handful of written lines trains later, on demand).</summary>
    internal static async Task<bool> HasCopyAsync(CampaignsDbContext db, CancellationToken ct) =>
        await db.CopyVariants.CountAsync(v => v.Impressions > 0, ct) >= MinimumCopyLines;

    private const int MinimumCopyLines = 200;
}
