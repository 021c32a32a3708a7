using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real app served by Kestrel on a free loopback port, on a temporary SQLite file with a small demo store
/// (the same settings as the integration tests' AppFactory), for a real browser to drive.
/// </summary>
public sealed class LiveApp : WebApplicationFactory<Program>
{
    public const string Password = "Test-password-1";
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"campaigns-e2e-{Guid.NewGuid():N}.db");

    /// <summary>The server's root address, e.g. http://127.0.0.1:41234/ (known once <see cref="Start"/> returned).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    private readonly int _customers;

    /// <param name="customers">Size of the demo store: small keeps start-up fast; learning uplift needs a few thousand.</param>
    public LiveApp(int customers = 400)
    {
        _customers = customers;
        // Port 0: Kestrel picks a free port itself, so there is no race with other processes for it.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public LiveApp Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single().TrimEnd('/') + "/");
        return this;
    }

    /// <summary>A context on the app's database, for checking stored state.</summary>
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
            // A test that needs a targeting model trains one itself.
            ["Training:TrainOnFirstStart"] = "false",
            ["Demo:Password"] = Password,
            ["Admin:Email"] = "admin@demo.local",
            ["Admin:Password"] = Password,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-migrations.lock" })
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
    }
}
