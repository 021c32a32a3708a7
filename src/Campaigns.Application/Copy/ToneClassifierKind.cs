using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>The tone classifier: reads the tone of a line of copy, so each suggestion shows the tone it actually has.</summary>
public sealed class ToneClassifierKind : ModelKindDefinition
{
    /// <summary>Labelled lines (headlines and bodies) a store needs before a first version is trained.</summary>
    public const int MinimumLines = 100;

    public override ModelKind Kind => ModelKind.ToneClassifier;
    public override string Title => "Tone classifier";
    public override MainMetric Metric { get; } = new("macro accuracy", HigherIsBetter: true);
    public override Type Trainer => typeof(ToneClassifierTrainingService);

    public override void Verify(byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        ToneClassifier.Load(stream);
    }

    /// <summary>Every copy line carries the tone it was written in, shown or not.</summary>
    public override async Task<bool> HasTrainingDataAsync(CampaignsDbContext db, CancellationToken ct) =>
        await db.CopyVariants.CountAsync(ct) >= MinimumLines;
}
