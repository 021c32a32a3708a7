using System.Text.Json;

namespace Campaigns.Application.Models;

/// <summary>Who asked for a training, with what, and how it is watched.</summary>
/// <param name="JobRunId">The recorded run, so a run delivered again finds the version it stored.</param>
public sealed record TrainingRun(string TriggeredBy, Guid? JobRunId = null)
{
    /// <summary>The kind's own parameters as JSON (read with <see cref="Parameters{T}"/>).</summary>
    public string ParametersJson { get; init; } = "{}";
    /// <summary>ML threads, capped so a training never takes every core from the pages.</summary>
    public int? Threads { get; init; }
    public IProgress<(string Stage, double Fraction)>? Progress { get; init; }
    /// <summary>
    /// Asked at the point of no return, just before the version is stored: throws <see cref="OperationCanceledException"/>
    /// when a cancel was requested meanwhile, so a cancel that arrives before the store wins.
    /// </summary>
    public Func<CancellationToken, Task>? ConfirmAsync { get; init; }

    public T Parameters<T>() where T : new() => JsonSerializer.Deserialize<T>(ParametersJson, JsonSerializerOptions.Web) ?? new T();
}
