using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>The click-through ranker: orders copy suggestions by their predicted click-through.</summary>
public sealed class CtrRankerKind : ModelKindDefinition
{
    public override ModelKind Kind => ModelKind.CtrRanker;
    public override string Title => "Click-through ranker";
    public override MainMetric Metric { get; } = new("AUC", HigherIsBetter: true);
    public override Type Trainer => typeof(CopyTrainingService);
    public override Type Monitor => typeof(CtrRankerMonitor);

    public override void Verify(byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        CtrRanker.Load(stream);
    }

    public override Task<bool> HasTrainingDataAsync(CampaignsDbContext db, CancellationToken ct) => CopyGeneratorKind.HasCopyAsync(db, ct);
}
