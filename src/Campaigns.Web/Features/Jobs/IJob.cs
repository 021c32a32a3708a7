using System.Text.Json;

namespace Campaigns.Web.Features.Jobs;

/// <summary>A kind of background work. Implementations are plain classes registered by kind; they report progress through the context.</summary>
public interface IJob
{
    /// <returns>A one-line summary shown with the finished run.</returns>
    Task<string?> RunAsync(JobContext context, CancellationToken ct);
}

/// <summary>What a running job sees of its run record.</summary>
public sealed class JobContext(Guid runId, string parametersJson, string triggeredBy, Func<string, double, Task> report)
{
    public Guid RunId { get; } = runId;
    /// <summary>The user, or "schedule" / "monitor", who asked for the run.</summary>
    public string TriggeredBy { get; } = triggeredBy;

    public T Parameters<T>() where T : new() =>
        JsonSerializer.Deserialize<T>(parametersJson, JsonSerializerOptions.Web) ?? new T();

    /// <summary>Records the stage and percent done; throws if a cancel was requested meanwhile.</summary>
    public Task ReportAsync(string stage, double percent) => report(stage, Math.Clamp(percent, 0, 100));
}
