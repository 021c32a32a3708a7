using System.Net;
using Campaigns.Web.Features.Account;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Campaigns.Web.Tests.Security;

/// <summary>A sign-in while another writer holds the database past the busy timeout: a clear message, and no session.</summary>
public sealed class BusyDatabaseSignInTests
{
    [Fact]
    public async Task A_sign_in_that_cannot_write_its_audit_row_says_the_database_is_busy_and_starts_no_session()
    {
        using var app = new AppFactory(configure: b => b.UseSetting("Database:BusyTimeoutSeconds", "1"));
        var browser = app.AnonymousClient();
        HttpResponseMessage answer;
        await using (var holder = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await holder.OpenAsync();
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();
            answer = await app.PostSignInAsync(browser, "manager@demo.local", AppFactory.Password);
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains(Uri.EscapeDataString(AccountEndpoints.DatabaseBusy), answer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/campaigns")).StatusCode);

        var again = await app.PostSignInAsync(browser, "manager@demo.local", AppFactory.Password);
        Assert.DoesNotContain("error", again.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/campaigns")).StatusCode);
    }
}
