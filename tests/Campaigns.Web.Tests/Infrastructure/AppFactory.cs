using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>The real app on a temporary SQLite file with a small demo store.</summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-password-1";
    public string DatabasePath { get; }

    private readonly bool _deleteDatabase;

    /// <param name="databasePath">An existing database to start on (a restart); a new temporary file when null.</param>
    /// <param name="deleteDatabase">Delete the file when the app is disposed.</param>
    private readonly int _customers;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="customers">Size of the demo store (small keeps tests fast; results tests need enough traffic).</param>
    /// <param name="configure">More settings or services for this app (one host per process: Hangfire keeps process-wide state).</param>
    public AppFactory(string? databasePath = null, bool deleteDatabase = true, int customers = 400, Action<IWebHostBuilder>? configure = null)
    {
        _customers = customers;
        _configure = configure;
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"campaigns-test-{Guid.NewGuid():N}.db");
        _deleteDatabase = deleteDatabase;
    }

    /// <summary>A context on the app's database, for arranging and checking stored state.</summary>
    public global::Campaigns.Data.CampaignsDbContext OpenDatabase() =>
        new global::Campaigns.Data.DatabaseOptions { ConnectionString = $"Data Source={DatabasePath}" }.CreateContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={DatabasePath}",
            ["Demo:Enabled"] = "true",
            ["Demo:Customers"] = _customers.ToString(),
            ["Demo:Password"] = Password,
            ["Admin:Email"] = "admin@demo.local",
            ["Admin:Password"] = Password,
            // Tests that need a targeting model train it themselves; a background training would only compete for the CPU.
            ["Training:TrainOnFirstStart"] = "false",
        }));
        _configure?.Invoke(builder);
    }

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real sign-in form (antiforgery token and all).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = Password)
    {
        var client = AnonymousClient();
        var response = await PostSignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error") == true)
            throw new InvalidOperationException($"Sign-in as {email} failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>Posts the sign-in form with the client's antiforgery token and returns the endpoint's answer (a redirect).</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string returnUrl = "") =>
        await PostFormAsync(client, "/account/login", "/account/login", new() { ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl });

    /// <summary>Posts a form the way a browser does: with the antiforgery token rendered into <paramref name="page"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>A client that sends exactly this cookie header and keeps none it is given: a replayed, captured cookie.</summary>
    public HttpClient ClientWithCookie(string cookie)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>Starts the app (migrated, seeded) and returns it.</summary>
    public AppFactory WithStarted()
    {
        _ = Services;
        return this;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_deleteDatabase) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-migrations.lock" })
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
        // The key-ring certificate generated beside the database.
        File.Delete(Path.ChangeExtension(DatabasePath, ".keys.pfx"));
    }
}
