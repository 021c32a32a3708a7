using System.Security.Cryptography;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Campaigns.Ml.Customers;
using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>A model version's description without its artifact.</summary>
public sealed record ModelInfo(Guid Id, ModelKind Kind, int Version, string Learner, ModelStatus Status, DateTime CreatedAt);

/// <summary>
/// Loads models (uplift, copy generator, CTR ranker, tone classifier) from the database, verifying each artifact's checksum. Versions are immutable, so a loaded
/// model is kept by version id (the <see cref="KeptPerKind"/> most recently used of each kind): every instance serves the same bytes, and
/// promoting another version is picked up at the next request because "current" is always read from the database.
/// </summary>
public sealed class ModelStore(CampaignsDbContext db)
{
    /// <summary>Versions kept loaded per kind: the current one, a candidate being compared, and the ones just before.</summary>
    public const int KeptPerKind = 4;

    private static readonly RecentVersions<UpliftModel> Loaded = new(KeptPerKind);
    private static readonly RecentVersions<CopyGenerator> Generators = new(KeptPerKind);
    private static readonly RecentVersions<CtrRanker> Rankers = new(KeptPerKind);
    private static readonly RecentVersions<ToneClassifier> ToneClassifiers = new(KeptPerKind);
    private static readonly RecentVersions<OfferModel> OfferModels = new(KeptPerKind);
    private static readonly RecentVersions<CustomerModels> CustomerModelVersions = new(KeptPerKind);

    public Task<ModelInfo?> CurrentAsync(ModelKind kind, CancellationToken ct = default) =>
        db.ModelVersions.AsNoTracking().Where(v => v.Kind == kind && v.Status == ModelStatus.Current)
            .OrderByDescending(v => v.PromotedAt).ThenByDescending(v => v.Version)
            .Select(v => new ModelInfo(v.Id, v.Kind, v.Version, v.Learner, v.Status, v.CreatedAt)).FirstOrDefaultAsync(ct);

    /// <exception cref="InvalidDataException">The artifact is missing, corrupt, or does not match its checksum.</exception>
    public async Task<UpliftModel> LoadUpliftAsync(Guid versionId, CancellationToken ct = default)
    {
        if (Loaded.TryGetValue(versionId, out var model)) return model;
        using var stream = new MemoryStream(await VerifiedArtifactAsync(versionId, ct), writable: false);
        model = UpliftModel.Load(stream);
        return Loaded.GetOrAdd(versionId, model);
    }

    /// <summary>An offer model version (shared: its predictions are thread-safe).</summary>
    /// <exception cref="InvalidDataException">The artifact is missing, corrupt, or does not match its checksum.</exception>
    public async Task<OfferModel> LoadOfferModelAsync(Guid versionId, CancellationToken ct = default)
    {
        if (OfferModels.TryGetValue(versionId, out var model)) return model;
        using var stream = new MemoryStream(await VerifiedArtifactAsync(versionId, ct), writable: false);
        return OfferModels.GetOrAdd(versionId, OfferModel.Load(stream));
    }

    /// <summary>A customer-insights version (shared: its predictions are thread-safe).</summary>
    /// <exception cref="InvalidDataException">The artifact is missing, corrupt, or does not match its checksum.</exception>
    public async Task<CustomerModels> LoadCustomerModelsAsync(Guid versionId, CancellationToken ct = default)
    {
        if (CustomerModelVersions.TryGetValue(versionId, out var models)) return models;
        using var stream = new MemoryStream(await VerifiedArtifactAsync(versionId, ct), writable: false);
        return CustomerModelVersions.GetOrAdd(versionId, CustomerModels.Load(stream));
    }

    /// <summary>A copy generator version (shared: the generator is thread-safe).</summary>
    /// <exception cref="InvalidDataException">The artifact is missing, corrupt, or does not match its checksum.</exception>
    public async Task<CopyGenerator> LoadCopyGeneratorAsync(Guid versionId, CancellationToken ct = default)
    {
        if (Generators.TryGetValue(versionId, out var generator)) return generator;
        using var stream = new MemoryStream(await VerifiedArtifactAsync(versionId, ct), writable: false);
        generator = CopyGenerator.Load(stream);
        var kept = Generators.GetOrAdd(versionId, generator);
        if (!ReferenceEquals(kept, generator)) generator.Dispose();
        return kept;
    }

    /// <exception cref="InvalidDataException">The artifact is missing, corrupt, or does not match its checksum.</exception>
    public async Task<CtrRanker> LoadCtrRankerAsync(Guid versionId, CancellationToken ct = default)
    {
        if (Rankers.TryGetValue(versionId, out var ranker)) return ranker;
        using var stream = new MemoryStream(await VerifiedArtifactAsync(versionId, ct), writable: false);
        return Rankers.GetOrAdd(versionId, CtrRanker.Load(stream));
    }

    /// <exception cref="InvalidDataException">The artifact is missing, corrupt, or does not match its checksum.</exception>
    public async Task<ToneClassifier> LoadToneClassifierAsync(Guid versionId, CancellationToken ct = default)
    {
        if (ToneClassifiers.TryGetValue(versionId, out var classifier)) return classifier;
        using var stream = new MemoryStream(await VerifiedArtifactAsync(versionId, ct), writable: false);
        return ToneClassifiers.GetOrAdd(versionId, ToneClassifier.Load(stream));
    }

    /// <summary>A version's artifact bytes, after checking them against the stored SHA-256.</summary>
    /// <exception cref="InvalidDataException">The artifact is missing, corrupt, or does not match its checksum.</exception>
    public async Task<byte[]> VerifiedArtifactAsync(Guid versionId, CancellationToken ct = default)
    {
        var stored = await db.ModelVersions.AsNoTracking().Where(v => v.Id == versionId)
            .Select(v => new { v.Version, v.Artifact, v.ArtifactSha256 }).SingleOrDefaultAsync(ct)
            ?? throw new InvalidDataException($"Model version {versionId} does not exist.");
        if (stored.Artifact.Length == 0) throw new InvalidDataException($"Model v{stored.Version} has no artifact stored.");
        if (!string.Equals(Checksum(stored.Artifact), stored.ArtifactSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"Model v{stored.Version}'s artifact does not match its checksum: it is corrupt. Retrain or roll back to another version.");
        return stored.Artifact;
    }

    public static string Checksum(byte[] artifact) => Convert.ToHexString(SHA256.HashData(artifact));
}
