using System.Net;
using System.Net.Http.Json;
using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Campaigns.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Models;

/// <summary><c>POST /api/models/{kind}/train</c>: any kind by name for an Admin, a named 404 for no kind, 403 for other roles.</summary>
public sealed class TrainingEndpointTests
{
    [Fact]
    public async Task An_admin_queues_a_kind_by_name_an_unknown_kind_is_named_and_a_marketer_is_refused()
    {
        // Runs are recorded but never executed: the test is about the endpoint, not about training.
        using var app = new AppFactory(configure: b => b.ConfigureTestServices(s => s.AddSingleton<IBackgroundJobClient, RecordingJobClient>()));
        var admin = await app.SignedInClientAsync("admin@demo.local");

        using var queued = await admin.PostAsync("/api/models/customerinsights/train", null);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var id = (await queued.Content.ReadFromJsonAsync<Accepted>())!.Id;
        await using (var db = app.OpenDatabase())
            Assert.Equal(ModelKinds.Get(ModelKind.CustomerInsights).TrainingJob, (await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id)).Kind);

        using var again = await admin.PostAsync("/api/models/CustomerInsights/train", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var unknown = await admin.PostAsync("/api/models/churn/train", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No model kind is named 'churn'. Kinds: UpliftTargeting,", await unknown.Content.ReadAsStringAsync());

        var marketer = await app.SignedInClientAsync("marketer@demo.local");
        using var refused = await marketer.PostAsync("/api/models/customerinsights/train", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private sealed record Accepted(Guid Id);
}
