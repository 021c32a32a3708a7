using Campaigns.Application.Common;
using Campaigns.Application.Customers;

namespace Campaigns.Web.Features.Customers;

/// <summary>Queues a recorded scoring run; when one is already queued or running, that one will do.</summary>
public sealed class CustomerScoringTrigger(IJobQueue jobs, ILogger<CustomerScoringTrigger> log)
{
    public async Task EnqueueAsync(string triggeredBy)
    {
        try
        {
            await jobs.EnqueueAsync(CustomerScoring.Job, null, triggeredBy);
        }
        catch (Domain.DomainException ex)
        {
            log.LogInformation("Customer scoring not queued: {Reason}", ex.Message);
        }
    }
}
