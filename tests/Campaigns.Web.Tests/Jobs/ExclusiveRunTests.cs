using System.Data.Common;
using System.Net;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Jobs;

/// <summary>"One at a time" for exclusive kinds (trainings, wizard imports) holds under concurrent requests.</summary>
public sealed class ExclusiveRunTests
{
    [Fact]
    public async Task Ten_concurrent_train_requests_start_exactly_one_run_and_the_others_are_refused_with_409()
    {
        // Runs are recorded but never executed: the test is about starting them, not about training. The check before
        // the insert is slowed down, so that all ten requests pass it before any inserts, as they can under load.
        using var app = new AppFactory(configure: b => b.ConfigureTestServices(s => s
            .AddSingleton<IBackgroundJobClient, RecordingJobClient>()
            .ConfigureDbContext<CampaignsDbContext>(o => o.AddInterceptors(new SlowExistenceCheck()))));
        var admin = await app.SignedInClientAsync("admin@demo.local");
        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
                admin.PostAsync("/api/models/uplift/train", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
            var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Accepted).ToList();
            Assert.Equal(9, refused.Count(r => r.StatusCode == HttpStatusCode.Conflict && r.Content.Headers.ContentType?.MediaType == "application/problem+json"));
            Assert.Contains("already queued or running", await refused[0].Content.ReadAsStringAsync());
            await using var db = app.OpenDatabase();
            var active = await db.JobRuns.AsNoTracking()
                .Where(r => r.Kind == ModelKinds.Get(ModelKind.UpliftTargeting).TrainingJob && (r.Status == JobStatus.Queued || r.Status == JobStatus.Running)).ToListAsync();
            var run = Assert.Single(active);

            // Cancelled while queued, so the next round may start one again.
            await using var scope = app.Services.CreateAsyncScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<JobRunner>().RequestCancelAsync(run.Id, "test"));
        }
    }

    /// <summary>Holds back the answer of "is a run of this kind active?" for a moment.</summary>
    private sealed class SlowExistenceCheck : DbCommandInterceptor
    {
        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("EXISTS", StringComparison.Ordinal) && command.CommandText.Contains("FROM \"JobRuns\"", StringComparison.Ordinal))
                await Task.Delay(300, cancellationToken);
            return result;
        }
    }
}
