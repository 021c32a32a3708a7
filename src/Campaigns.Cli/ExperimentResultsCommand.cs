using System.Text.Json;

namespace Campaigns.Cli;

/// <summary>
/// `campaigns stats experiment`: a stored experiment's results from the running app, so the command line, the
/// API and the results page show the same numbers (they are the same computation).
/// </summary>
internal static class ExperimentResultsCommand
{
    public static async Task<int> RunAsync(CommandOptions options)
    {
        var id = Guid.TryParse(options.Value("id"), out var g) ? g : throw new ArgumentException("--id must be the experiment's id (a GUID).");
        var url = options.Value("url") ?? "http://localhost:5000";
        using var http = await AppClient.SignInAsync(url, options.Value("email") ?? "manager@demo.local",
            options.Value("password") ?? throw new ArgumentException("--password is required (a Manager's or Admin's)."));
        var query = string.Join("&", new[] { "engine", "correction", "cuped", "winsorize" }
            .Where(k => options.Value(k) is not null).Select(k => $"{k}={Uri.EscapeDataString(options.Value(k)!)}"));
        using var response = await http.GetAsync($"api/experiments/{id}/results{(query.Length > 0 ? "?" + query : "")}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new ArgumentException($"The app answered {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}");
        if (options.Flag("json"))
        {
            Console.WriteLine(body);
            return 0;
        }
        var view = JsonDocument.Parse(body).RootElement;
        Console.WriteLine($"{view.GetProperty("name").GetString()} ({view.GetProperty("status").GetString()})");
        Console.WriteLine(view.GetProperty("headline").GetString());
        foreach (var arm in view.GetProperty("arms").EnumerateArray())
            Console.WriteLine($"  {arm.GetProperty("arm").GetString()}{(arm.GetProperty("isControl").GetBoolean() ? " (control)" : "")}: " +
                              $"{arm.GetProperty("exposed").GetInt64():N0} exposed, {arm.GetProperty("converters").GetInt64():N0} converted");
        foreach (var comparison in view.GetProperty("report").GetProperty("comparisons").EnumerateArray())
            Console.WriteLine("  " + comparison.GetProperty("verdict").GetString());
        return 0;
    }
}
