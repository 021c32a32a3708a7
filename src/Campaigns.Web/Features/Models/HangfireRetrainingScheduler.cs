using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Hangfire;

namespace Campaigns.Web.Features.Models;

/// <summary>Registers retraining schedules as Hangfire recurring jobs (UTC), or removes a disabled one.</summary>
public sealed class HangfireRetrainingScheduler(IRecurringJobManager recurring) : IRetrainingScheduler
{
    public void Register(RetrainingSchedule schedule)
    {
        if (schedule.Enabled)
            recurring.AddOrUpdate<ScheduledTraining>(schedule.RecurringJobId, x => x.TriggerAsync(schedule.Kind), schedule.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        else
            recurring.RemoveIfExists(schedule.RecurringJobId);
    }
}
