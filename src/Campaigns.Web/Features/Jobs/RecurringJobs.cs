using Hangfire;

namespace Campaigns.Web.Features.Jobs;

/// <summary>A feature's recurring jobs, registered with Hangfire at start-up under fixed ids (so a restart replaces them).</summary>
public sealed record RecurringJobs(Func<IServiceProvider, IRecurringJobManager, CancellationToken, Task> RegisterAsync);
