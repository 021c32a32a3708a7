using Campaigns.Application.Customers;
using Campaigns.Web.Features.Jobs;
using Hangfire;

namespace Campaigns.Web.Features.Customers;

public static class CustomerScoringExtensions
{
    /// <summary>The scoring job, run daily (recency and the horizons move with the calendar even when no order arrives).</summary>
    public static void AddCustomerScoring(this WebApplicationBuilder builder)
    {
        builder.AddJob<CustomerScoringJob>(CustomerScoring.Job, "Score customers (churn risk, propensity, value, persona)", exclusive: true);
        builder.Services.AddScoped<CustomerScoringTrigger>();
        builder.AddRecurringJobs((_, recurring, _) =>
        {
            recurring.AddOrUpdate<CustomerScoringTrigger>(CustomerScoringJob.RecurringId, x => x.EnqueueAsync("schedule"), Cron.Daily(3),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        });
    }
}
