using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Campaigns.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The app as its own operating-system process, started by the command a user types (not a test host), on a free
/// loopback port. Its console output is kept for the test's report; disposing kills the whole process tree.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public Uri BaseAddress { get; }

    /// <summary>The operating system's process id (the app names its job server after it).</summary>
    public int Id => _process.Id;

    /// <summary>Every line the app printed so far.</summary>
    public IReadOnlyList<string> Output => _output.ToArray();

    /// <summary>Lines logged at error or critical level (the console logger's "fail:" and "crit:" prefixes).</summary>
    public IReadOnlyList<string> Failures => _output.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToArray();

    private AppProcess(string workingDirectory, string command, string arguments, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The standard variable an operator sets: the app's settings file must not override it.
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        // The test runner's own settings must not leak into the user's process.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Runs the command without waiting for the app, for a test that watches (or kills) its start.</summary>
    public static AppProcess Start(string workingDirectory, string command, string arguments, IReadOnlyDictionary<string, string> environment) =>
        new(workingDirectory, command, arguments, environment);

    /// <summary>Runs the command and waits until the app answers ready on <c>/health/ready</c>.</summary>
    public static async Task<AppProcess> StartAsync(string workingDirectory, string command, string arguments,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var app = Start(workingDirectory, command, arguments, environment);
        try
        {
            await app.WaitUntilReadyAsync(timeout);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { } // not listening yet
            catch (TaskCanceledException) { }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"The app was not ready within {timeout}:\n{Tail()}");
    }

    /// <summary>Waits until the app has printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before printing '{text}':\n{Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app did not print '{text}' within {timeout}:\n{Tail()}");
            await Task.Delay(20);
        }
    }

    /// <summary>The last lines of output, for a failure message.</summary>
    public string Tail(int lines = 60) => string.Join('\n', _output.TakeLast(lines));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Kills the process tree the way a power cut or the OOM killer would (on Linux <see cref="Process.Kill(bool)"/> sends
    /// SIGKILL: no shutdown hook, no flush) and waits until it is gone.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
