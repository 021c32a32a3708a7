using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>Registers a saved retraining schedule with the job scheduler under its fixed recurring-job id (so saving twice replaces).</summary>
public interface IRetrainingScheduler
{
    void Register(RetrainingSchedule schedule);
}
