using Campaigns.Application.Experiments;
using Campaigns.Web.Features.Experiments;
using Campaigns.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Experiments;

public class CopyBanditJobTests
{
    [Fact]
    public async Task The_recurring_reweighting_runs_one_at_a_time_and_a_failed_run_is_not_retried_late()
    {
        using var app = new AppFactory(customers: 50);
        app.AnonymousClient();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        RecurringJobDto? recurring = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); recurring is null && DateTime.UtcNow < deadline; await Task.Delay(200))
            recurring = connection.GetRecurringJobs().SingleOrDefault(j => j.Id == CopyBandit.RecurringId);

        Assert.NotNull(recurring);
        Assert.Equal(CopyBandit.Cron, recurring.Cron);
        Assert.Equal(typeof(CopyBanditJob), recurring.Job.Type);
        var own = JobFilterProviders.Providers.GetFilters(recurring.Job).Where(f => f.Scope == JobFilterScope.Method).Select(f => f.Instance).ToList();
        Assert.Contains(own, f => f is DisableConcurrentExecutionAttribute);
        Assert.Equal(0, Assert.Single(own.OfType<AutomaticRetryAttribute>()).Attempts);
    }
}
