using Campaigns.Application.Copy;
using Campaigns.Application.Tests.Campaigns;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Tests.Copy;

/// <summary>The small demo store with a current copy generator and CTR ranker (a small network, few epochs: quick to train).</summary>
public sealed class TrainedCopyDatabase : CampaignDatabase
{
    private static CopyTrainingRequest Request => new(Epochs: 6, Bootstraps: 4, Seed: 5, Threads: 1)
    {
        Generator = new CopyGeneratorOptions { EmbeddingSize = 32, Hidden = 64, BatchSize = 64, LearningRate = 1e-2 },
    };

    protected override async Task SeededAsync()
    {
        await using var db = Open();
        var reports = await new CopyTrainingService(db).TrainBothAsync(Request, "tests", null);
        if (reports.FirstOrDefault(r => !r.Promoted) is { } failed) throw new InvalidOperationException($"The test {failed.Kind} was not promoted: {failed.Decision}");
    }
}
