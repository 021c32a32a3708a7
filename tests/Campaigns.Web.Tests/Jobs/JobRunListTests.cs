using Bunit;
using Campaigns.Domain.Jobs;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Features.Jobs.Components;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Jobs;

/// <summary>The jobs table: what each run did, and where an unfinished or failed one stands.</summary>
public class JobRunListTests : ComponentTest
{
    public JobRunListTests()
    {
        var catalog = new JobCatalog();
        catalog.Add("train-offers", "Train the offer model", exclusive: true);
        Context.Services.AddSingleton(catalog);
    }

    private static JobRun Run(JobStatus status, string stage) => new()
    {
        Kind = "train-offers", TriggeredBy = "test", Status = status, Stage = stage, StartedAt = DateTime.UtcNow.AddMinutes(-2), FinishedAt = DateTime.UtcNow,
        ResultSummary = status == JobStatus.Succeeded ? "v1 stored" : null, Error = status == JobStatus.Failed ? "Only 12 rows bought." : null,
    };

    [Fact]
    public void A_succeeded_run_does_not_show_its_last_step_as_if_still_under_way_and_a_failed_one_shows_where_it_stopped()
    {
        var list = Render<JobRunList>(p => p.Add(c => c.Runs, [Run(JobStatus.Succeeded, "Storing the model"), Run(JobStatus.Failed, "Fold 2/3: basket model")]));

        var rows = list.FindAll("[data-testid=job-runs] tbody tr");
        Assert.DoesNotContain("Storing the model", rows[0].TextContent);
        Assert.Contains("v1 stored", rows[0].TextContent);
        Assert.Contains("Fold 2/3: basket model", rows[1].TextContent);
    }
}
