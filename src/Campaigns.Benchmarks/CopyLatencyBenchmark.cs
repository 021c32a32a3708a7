using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench copy-latency`: "Suggest copy" as the app answers it, database included. Signs in as a Marketer at
/// --url and asks the suggestions API for every draft or rejected campaign in each tone, --rounds times, then reports the
/// whole request's time and the generate-and-rank time the app measured. Each request stores its candidates as shown,
/// so run it against a demo instance, not a store whose copy monitoring matters.
/// </summary>
internal static class CopyLatencyBenchmark
{
    private static readonly string[] Tones = ["urgent", "friendly", "premium", "playful"];

    public static async Task<int> RunAsync(CommandOptions options)
    {
        var url = options.Value("url") ?? "http://127.0.0.1:5000";
        var rounds = options.Int("rounds", 3);
        using var http = await AppClient.SignInAsync(url, options.Value("email") ?? "marketer@demo.local",
            options.Value("password") ?? throw new ArgumentException("--password is required."));
        var campaigns = new List<Guid>();
        foreach (var status in new[] { "Draft", "Rejected" })
            foreach (var c in JsonDocument.Parse(await http.GetStringAsync($"api/campaigns?status={status}")).RootElement.EnumerateArray())
                campaigns.Add(c.GetProperty("id").GetGuid());
        if (campaigns.Count == 0) throw new ArgumentException("No draft or rejected campaign to suggest copy for.");

        List<double> request = [], generation = [];
        var (full, candidates) = (0, 0);
        for (var round = 0; round < rounds; round++)
            foreach (var id in campaigns)
                foreach (var tone in Tones)
                {
                    var clock = Stopwatch.StartNew();
                    using var response = await http.PostAsJsonAsync($"api/campaigns/{id}/copy/suggestions", new { tone });
                    var body = await response.Content.ReadAsStringAsync();
                    clock.Stop();
                    if (!response.IsSuccessStatusCode) throw new ArgumentException($"Suggestions failed: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                    var json = JsonDocument.Parse(body).RootElement;
                    var count = json.GetProperty("candidates").GetArrayLength();
                    (full, candidates) = (full + (count == 10 ? 1 : 0), candidates + count);
                    request.Add(clock.Elapsed.TotalMilliseconds);
                    generation.Add(json.GetProperty("elapsedMs").GetDouble());
                }
        Console.WriteLine($"{request.Count} requests ({campaigns.Count} campaigns x {Tones.Length} tones x {rounds} rounds), {full} with 10 candidates, {candidates} candidates");
        Console.WriteLine($"Whole request: {Timings.Describe(request)}");
        Console.WriteLine($"Generate and rank (the app's timing): {Timings.Describe(generation)}");
        return 0;
    }
}
