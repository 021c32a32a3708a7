using Campaigns.Data;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>
/// Everything the app needs to know about one kind of model: what it is called, how it is judged, how its artifact is
/// checked before it serves, which use case trains it and what watches it in service. One subclass per kind, listed in <see cref="ModelKinds"/>;
/// the registry, the writer, the jobs and the Models page read kinds only through here.
/// </summary>
public abstract class ModelKindDefinition
{
    public abstract ModelKind Kind { get; }

    /// <summary>What users call it, e.g. "Uplift targeting".</summary>
    public abstract string Title { get; }

    /// <summary>Its main metric on held-out data and which direction is better: the promotion rule and the four-eyes check compare it.</summary>
    public abstract MainMetric Metric { get; }

    /// <summary>The <see cref="IModelTrainer"/> that trains it, registered under <see cref="Kind"/>.</summary>
    public abstract Type Trainer { get; }

    /// <summary>The <see cref="IModelMonitor"/> that checks its version in service, registered under <see cref="Kind"/>; null: not monitored.</summary>
    public virtual Type? Monitor => null;

    /// <summary>
    /// The job that puts a version to work once it is current (e.g. scoring every customer with it); null: the version
    /// serves as soon as it is current. Training queues nothing (it runs the work itself); a promotion or rollback by hand queues it.
    /// </summary>
    public virtual string? ServingJob => null;

    /// <summary>Loads an artifact and checks that it can serve. Every version is verified so before it becomes current.</summary>
    /// <exception cref="InvalidDataException">The artifact does not load or fails the check.</exception>
    public abstract void Verify(byte[] artifact);

    /// <summary>Whether the store has data to train a first version on (a fresh store trains one at start-up).</summary>
    public abstract Task<bool> HasTrainingDataAsync(CampaignsDbContext db, CancellationToken ct);

    /// <summary>The kind's stored evaluation as its details component on the Models page takes it; null: nothing to show.</summary>
    public virtual object? Details(string metricsJson, string featuresJson) => null;

    /// <summary>The fixed job kind of its training runs.</summary>
    public string TrainingJob => $"train-{Kind}";

    /// <summary>The job title on the Jobs page.</summary>
    public string TrainingJobTitle => $"Train the {Title.ToLowerInvariant()} model";
}
