using System.Text.Json;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Cli;

/// <summary>The `campaigns` command line: the same services as the web app, without the web.</summary>
public static class CliApp
{
    private const string Usage = """
        usage: campaigns seed --customers N [--seed 42] [--reset] [--provider Sqlite|SqlServer] [--database CONNECTION]
          seed    generates the demo store into an empty database (--reset deletes the database first)
        The database defaults to Database:* in appsettings.json.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        try
        {
            var options = Options.Parse(args.Skip(1).ToArray());
            return args[0] switch
            {
                "seed" => await SeedAsync(options),
                _ => Fail($"Unknown command '{args[0]}'.\n{Usage}"),
            };
        }
        catch (ArgumentException ex)
        {
            return Fail(ex.Message);
        }
    }

    private static async Task<int> SeedAsync(Options options)
    {
        var customers = options.Int("customers", 50_000);
        await using var db = OpenDatabase(options);
        if (options.Flag("reset")) await db.Database.EnsureDeletedAsync();
        await db.MigrateAsync(migrateSqlServer: true);
        var seeder = new DemoStoreSeeder(db);
        if (!await seeder.IsStoreEmptyAsync()) return Fail("The database already holds a store. Use --reset to replace it with a demo store.");
        var progress = new Progress<(string Stage, double Percent)>(p => Console.Error.Write($"\r{p.Stage,-14} {p.Percent,5:0}%"));
        var result = await seeder.SeedAsync(customers, options.Int("seed", 42), progress: progress);
        Console.Error.WriteLine();
        Console.WriteLine($"Seeded {result.Customers:N0} customers, {result.Orders:N0} orders ({result.OrderLines:N0} lines), {result.Campaigns} campaigns, " +
                          $"{result.Assignments:N0} assignments, {result.Events:N0} events, {result.CopyVariants:N0} copy lines in {result.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static CampaignsDbContext OpenDatabase(Options options)
    {
        var settings = new DatabaseOptions();
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(file) && JsonDocument.Parse(File.ReadAllText(file)).RootElement.TryGetProperty(DatabaseOptions.Section, out var section))
            settings = section.Deserialize<DatabaseOptions>(new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }) ?? settings;
        if (options.Value("provider") is { } provider)
            settings.Provider = Enum.TryParse<DatabaseProvider>(provider, true, out var p) ? p : throw new ArgumentException($"--provider must be Sqlite or SqlServer, not '{provider}'.");
        if (options.Value("database") is { } connection) settings.ConnectionString = connection;
        var builder = new DbContextOptionsBuilder<CampaignsDbContext>();
        settings.Apply(builder);
        return new CampaignsDbContext(builder.Options);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    /// <summary>`--name value` and `--flag` arguments.</summary>
    private sealed class Options(Dictionary<string, string?> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--")) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
                var name = args[i][2..];
                values[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : null;
            }
            return new Options(values);
        }

        public string? Value(string name) => values.GetValueOrDefault(name);
        public bool Flag(string name) => values.ContainsKey(name);

        public int Int(string name, int fallback) => values.GetValueOrDefault(name) is not { } text ? fallback
            : int.TryParse(text, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.");
    }
}
