using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Data;

namespace Campaigns.Cli;

/// <summary>
/// A command's options as the parser read them, by name without the dashes. The parser declares the options (help,
/// unknown options, missing values); the commands read the values through this and check them with their own messages.
/// </summary>
internal sealed class CommandOptions(ParseResult parsed)
{
    public string? Value(string name) => Option(name)?.Tokens.LastOrDefault()?.Value;
    public List<string> Values(string name) => Option(name)?.Tokens.Select(t => t.Value).ToList() ?? [];
    public bool Flag(string name) => Option(name) is { Implicit: false };
    public string Argument(string name) => (parsed.GetResult(name) as ArgumentResult)?.Tokens.SingleOrDefault()?.Value ?? throw new ArgumentException($"{name} is required.");

    public int Int(string name, int fallback) => Value(name) is not { } text ? fallback
        : int.TryParse(text, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.");

    /// <summary>A count that may be 0 (e.g. a part of a run to skip).</summary>
    public int Count(string name, int fallback) => Value(name) is not { } text ? fallback
        : int.TryParse(text, out var n) && n >= 0 ? n : throw new ArgumentException($"--{name} must be a whole number, 0 or more, not '{text}'.");

    private OptionResult? Option(string name) => parsed.GetResult("--" + name) as OptionResult;

    /// <summary>The database named by --provider and --database, each defaulting to Database:* in the appsettings.json beside the program.</summary>
    public static CampaignsDbContext OpenDatabase(CommandOptions options)
    {
        var settings = Settings<DatabaseOptions>(DatabaseOptions.Section);
        if (options.Value("provider") is { } provider)
            settings.Provider = Enum.TryParse<DatabaseProvider>(provider, true, out var p) ? p : throw new ArgumentException($"--provider must be Sqlite, SqlServer or Postgres, not '{provider}'.");
        if (options.Value("database") is { } connection) settings.ConnectionString = connection;
        return settings.CreateContext();
    }

    /// <summary>A section of the appsettings.json beside the program, as the web app reads it (defaults when absent).</summary>
    public static T Settings<T>(string section) where T : new()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        return File.Exists(file) && JsonDocument.Parse(File.ReadAllText(file)).RootElement.TryGetProperty(section, out var json)
            ? json.Deserialize<T>(new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } }) ?? new T() : new T();
    }
}
