using Campaigns.Application.Common;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>Puts a version that has just become current to work through its kind's serving job (e.g. scoring every customer with it).</summary>
public static class ModelServing
{
    /// <summary>
    /// Queues the kind's serving job, if it has one, and says so in a sentence to append to the caller's message. A run
    /// already queued or running is not doubled (one running may still use the old version: the message says so).
    /// </summary>
    public static async Task<string> StartAsync(IJobQueue jobs, ModelKind kind, string user, CancellationToken ct)
    {
        if (ModelKinds.Get(kind).ServingJob is not { } job) return "";
        try
        {
            await jobs.EnqueueAsync(job, null, user, ct);
            return " It is being put to work now (see Jobs).";
        }
        catch (Domain.DomainException ex)
        {
            return $" Its serving job was not queued: {ex.Message} The next run uses this version.";
        }
    }
}
