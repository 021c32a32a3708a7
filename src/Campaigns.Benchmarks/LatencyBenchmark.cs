using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench latency`: how fast pages answer while a model trains. Signs in as an Admin at --url, times the
/// dashboard (a full server render with its database queries) while idle, then starts a training through the API
/// and keeps timing the dashboard until the training ends.
/// </summary>
internal static class LatencyBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options)
    {
        var url = options.Value("url") ?? "http://127.0.0.1:5000";
        using var http = await AppClient.SignInAsync(url, options.Value("email") ?? "admin@demo.local",
            options.Value("password") ?? throw new ArgumentException("--password is required."));
        var idle = new List<double>();
        for (var i = 0; i < 30; i++) idle.Add(await TimePageAsync(http));
        Report("idle", idle);

        var learner = options.Value("learner") ?? "Auto";
        var started = await http.PostAsJsonAsync("api/models/uplift/train", new { learner = Enum.Parse<Ml.Uplift.UpliftLearner>(learner, ignoreCase: true) });
        var body = await started.Content.ReadAsStringAsync();
        if (!started.IsSuccessStatusCode) throw new ArgumentException($"Training was not started: {(int)started.StatusCode} {body}");
        var runId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        var during = new List<double>();
        var clock = Stopwatch.StartNew();
        string status;
        do
        {
            during.Add(await TimePageAsync(http));
            await Task.Delay(200);
            status = JsonDocument.Parse(await http.GetStringAsync($"api/jobs/{runId}")).RootElement.GetProperty("status").ToString();
        } while (status is "Queued" or "Running" or "0" or "1");
        Report($"during training ({learner}, {clock.Elapsed.TotalSeconds:0} s, run {status})", during);
        return 0;
    }

    private static async Task<double> TimePageAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync("");
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new ArgumentException($"The dashboard answered {(int)response.StatusCode}.");
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Report(string phase, List<double> ms) =>
        Console.WriteLine($"Dashboard {phase}: {ms.Count} requests, {Timings.Describe(ms)}");
}
