using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Campaigns.Imports;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Faults;

/// <summary>
/// The web app the solution build produced, run as a process of its own on a SQLite file in a temporary folder (or on a
/// server database several instances share): a test kills it with SIGKILL in the middle of work and starts it again on
/// the same database. No clean copy and no build of its own, so a crash test costs its scenario only.
/// </summary>
public sealed class CrashableApp : IAsyncDisposable
{
    public const string AdminEmail = "admin@demo.local";
    public const string Password = "Faults-password-1";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"campaigns-faults-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _settings;
    private readonly ITestOutputHelper _output;
    private readonly DatabaseOptions _database;
    private AppProcess? _process;

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The running process (a new one, on a new port, after each <see cref="RestartAsync"/>).</summary>
    public AppProcess Process => _process ?? throw new InvalidOperationException("The app is not running.");

    public Uri BaseAddress => Process.BaseAddress;

    private CrashableApp(int customers, ITestOutputHelper output, DatabaseOptions? database, IReadOnlyDictionary<string, string>? settings = null)
    {
        _output = output;
        Directory.CreateDirectory(_folder);
        _database = database ?? new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "faults.db")}" };
        _settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = _database.Provider.ToString(),
            ["Database__ConnectionString"] = ConnectionString,
            // A server database is migrated by whichever instance starts first; the others wait for its turn.
            ["Database__MigrateOnStartup"] = "true",
            ["Demo__Customers"] = customers.ToString(),
            ["Demo__Password"] = Password,
            ["Admin__Email"] = AdminEmail,
            ["Admin__Password"] = Password,
            ["Training__TrainOnFirstStart"] = "false",
            // Short, so a run left by the killed process is taken for dead within a minute rather than minutes; not shorter,
            // or on a busy CI machine a live run whose heartbeat waits behind a long batch would be taken for dead too.
            ["Jobs__HeartbeatSeconds"] = "2",
            ["Jobs__StaleAfterSeconds"] = "30",
            ["Logging__LogLevel__Default"] = "Warning",
            // What the first start does (seeding the demo store), for the test's report and for a test that kills it then.
            ["Logging__LogLevel__Campaigns.Startup"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
    }

    /// <summary>
    /// Starts the app with a demo store of <paramref name="customers"/> customers, on a new SQLite file or on
    /// <paramref name="database"/> (another instance may be running on it already), with <paramref name="settings"/> added.
    /// </summary>
    public static async Task<CrashableApp> StartAsync(int customers, ITestOutputHelper output, DatabaseOptions? database = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new CrashableApp(customers, output, database, settings);
        try
        {
            await app.RestartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the app on a new database without waiting for it to be ready, for a test that kills its first start.</summary>
    public static CrashableApp Launch(int customers, ITestOutputHelper output)
    {
        var app = new CrashableApp(customers, output, null);
        app._process = AppProcess.Start(app._folder, "dotnet", WebApp, app._settings);
        return app;
    }

    /// <summary>SIGKILL: whatever the app was doing stops mid-write, as in a power cut.</summary>
    public async Task KillAsync()
    {
        await Process.KillAsync();
        Report("killed");
    }

    /// <summary>Starts a new process on the same database and waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        _process = null;
        var clock = Stopwatch.StartNew();
        _process = await AppProcess.StartAsync(_folder, "dotnet", WebApp, _settings, StartTimeout);
        _output.WriteLine($"App ready on {BaseAddress} in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>A context on the app's database, for reading what is stored.</summary>
    public CampaignsDbContext OpenDatabase() => _database.CreateContext();

    /// <summary>An API key made as the README says, with the command line (<c>campaigns apikey create</c>) on the app's database.</summary>
    public async Task<string> CreateApiKeyAsync(string scopes)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { BuildOutput("src/Campaigns.Cli", "campaigns.dll"), "apikey", "create", "--name", "faults", "--scopes", scopes, "--provider", _database.Provider.ToString(), "--database", ConnectionString },
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder,
        };
        using var cli = System.Diagnostics.Process.Start(start)!;
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        if (cli.ExitCode != 0) throw new InvalidOperationException($"campaigns apikey create failed ({cli.ExitCode}): {await stderr}{await stdout}");
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }

    /// <summary>A client calling the API with a key.</summary>
    public HttpClient ApiClient(string key, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client signed in as the Admin through the sign-in form (antiforgery token and all), with its cookies.</summary>
    public async Task<HttpClient> SignedInAdminAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var form = await client.GetStringAsync("account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = AdminEmail, ["password"] = Password, ["returnUrl"] = "", ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error") == true)
            throw new InvalidOperationException($"Sign-in as {AdminEmail} failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>
    /// Every recorded run can be read for what became of it: finished (a failure with its reason), or queued or running
    /// on a live heartbeat. A run left "running" by a dead process, or failed without a word, is not.
    /// </summary>
    public async Task AssertEveryRunReadableAsync()
    {
        await using var db = OpenDatabase();
        var alive = DateTime.UtcNow - TimeSpan.FromSeconds(int.Parse(_settings["Jobs__StaleAfterSeconds"]));
        foreach (var run in await db.JobRuns.AsNoTracking().ToListAsync())
            Assert.True(run.Status is JobStatus.Succeeded or JobStatus.Cancelled || run.Status == JobStatus.Failed && !string.IsNullOrWhiteSpace(run.Error)
                || run.Status == JobStatus.Queued || run.Status == JobStatus.Running && run.HeartbeatAt > alive,
                $"Job run {run.Id} ({run.Kind}) is {run.Status}, heartbeat {run.HeartbeatAt:O}, error '{run.Error}'.");
        foreach (var run in await db.ImportRuns.AsNoTracking().ToListAsync())
            Assert.True(run.Status is ImportStatus.Succeeded or ImportStatus.Cancelled || run.Status == ImportStatus.Failed && !string.IsNullOrWhiteSpace(run.Error)
                || run.Status == ImportStatus.Running && run.HeartbeatAt > DateTime.UtcNow - ImportEngine.StaleAfter,
                $"Import run {run.Id} is {run.Status}, heartbeat {run.HeartbeatAt:O}, error '{run.Error}'.");
    }

    /// <summary>Writes what the current process logged at error level to the test's output, for the report.</summary>
    public void Report(string when)
    {
        if (_process is null) return;
        foreach (var line in _process.Failures) _output.WriteLine($"[{when}] {line}");
    }

    /// <summary>A file of a project's build output, in the configuration this test assembly was built in (Debug or Release).</summary>
    private static string BuildOutput(string project, string file)
    {
        var configuration = typeof(CrashableApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryRoot(), project, "bin", configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built: build the solution (dotnet build Campaigns.sln -c {configuration}) first.", path);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Campaigns.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Campaigns.sln above {AppContext.BaseDirectory}.");
    }

    private static string WebApp => $"\"{BuildOutput("src/Campaigns.Web", "Campaigns.Web.dll")}\"";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            Report("at the end");
            await _process.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
