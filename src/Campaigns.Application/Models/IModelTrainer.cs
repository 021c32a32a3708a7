using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>A kind's training use case: trains a version and stores it with <see cref="ModelVersionWriter"/>.</summary>
public interface IModelTrainer
{
    Task<StoredVersion> TrainAsync(ModelKind kind, TrainingRun run, CancellationToken ct);
}
