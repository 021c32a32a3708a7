using System.Text.Json;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Domain.Integration;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Cli;

/// <summary>The `campaigns` command line: the same services as the web app, without the web.</summary>
public static class CliApp
{
    private const string Usage = """
        usage: campaigns <command> [options]     (every command takes --provider Sqlite|SqlServer and --database CONNECTION;
                                                  they default to Database:* in appsettings.json)
          seed --customers N [--seed 42] [--reset]
              generates the demo store into an empty database (--reset deletes the database first)
          apikey create --name NAME --scopes assign,ingest,import
              creates an integration API key with the scopes named (one or more) and prints it once
          import customers|products|orders|campaign FILE [--map COLUMN=FIELD,...] [--mapping NAME] [--save-mapping NAME]
                 [--culture de-DE] [--row-id PREFIX] [--dry-run] [--rejected REJECTED.csv] [--batch 50000] [--resume RUN]
                 campaign: --name NAME --control ARM [--date 2008-03-20] [--days 14] [--channel Email|Push|OnsiteBanner]
              imports a .csv or .csv.gz (columns mapped from their names unless chosen; FIELD "ignore" leaves a column out;
              --row-id makes PREFIX + row number the customer id); prints problems by row and column; exit 1 if rows were rejected
          stats analyze --data FILE.csv --arm-column C --control VALUE --metric M [--metric M2] [--pre-column P]
                        [--engine frequentist|bayesian|sequential] [--correction none|holm|benjamini-hochberg] [--json]
              analyses one row per customer and prints the verdicts the results page shows
          stats experiment --id ID [--engine ...] [--correction ...] [--cuped true|false] [--winsorize 0.99] [--json]
              prints a stored experiment's results as the results page computes them
          uplift train --data FILE.csv --id COL --treatment COL --control VALUE --outcome COL [--learner auto|s|t|x|dr|neural]
                       [--exclude COL,...] [--seed 42] [--threads N] --model OUT.zip
              fits an uplift model (every other column is a feature) and prints each candidate's validation scores
          uplift score --model M.zip --data FILE.csv --out SCORES.csv [--id COL]
              writes customer_id,uplift (one uplift_<arm> column per arm with several treatment arms)
          uplift evaluate --model M.zip --data FILE.csv
              prints the Qini coefficient, AUUC and uplift@10/20/30% on labelled rows
          copy train [--models copy-models] [--epochs 20] [--bootstraps 20] [--seed 42]
              trains the copy generator (GRU) and the click-through ranker on the database's copy and catalogue, stores each as a
              model version in the database (as the app's training jobs do), writes them to --models and prints metrics
          copy suggest --promotion CAMPAIGN_ID --channel push|email-subject|email-body|banner --tone urgent|friendly|premium|playful
                       [-n 10] [--temperature 1.6] [--top-p 0.98] [--seed 1] [--banned "word,phrase"] [--category NAME] [--models DIR]
              prints candidates sorted by predicted CTR, with its interval and the words that move it
          copy evaluate [--models copy-models] [-n 10] [--details]
              perplexity against baselines, ranker AUC against length only, and distinct-2, novelty, contradictions and
              time of suggestions for every promotion in the database
          bench uplift [--data hillstrom.csv] [--seeds 3] [--synthetic-rows 100000]
              auto learner vs a tuned T-learner on Hillstrom and on synthetic data with known effects
          bench uplift-speed [--rows 1000000] [--learner auto|s|t|x|dr|neural]
              trains the default (or the given) learner on N synthetic rows x 12 features and scores N rows
          bench targeting --database "Data Source=demo.db" [--customers 50000] [--seed 42] [--as-of 2026-11-26] [--seeds 3]
              the app's targeting pipeline on the demo store, against the generator's true effects: auto vs tuned T-learner
          bench latency --password P [--url http://127.0.0.1:5000] [--email admin@demo.local] [--learner auto]
              times the dashboard while idle and while a targeting model trains in the app at URL
          bench copy-latency --password P [--url http://127.0.0.1:5000] [--email marketer@demo.local] [--rounds 3]
              times "Suggest copy" through the app's API (database included) for every draft campaign in each tone
          bench audience --database "Data Source=big.db" [--customers 1000000] [--learner auto|t|...] [--runs 3]
              seeds a store once, trains a targeting model if none, times a budgeted audience over every customer
          bench import --database "Data Source=import.db" [--lines 1000000] [--customers 100000] [--products 2000] [--file ORDERS.csv] [--batch 50000]
              imports customers, products and N order lines into an empty database and reports lines/s
          bench ingest --url http://127.0.0.1:5000 --key KEY [--events 1000000] [--batch 10000] [--concurrency 4]
              posts realistic event batches for the live campaigns' assigned customers and reports events/s
          bench results --database "Data Source=big.db" [--customers 10000000] [--events 50000000] [--url URL --password P]
              builds a large experiment once, times the rollup, and times the full results from the app at URL
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
            var options = args[0] == "seed" ? Options.Parse(args.Skip(1).ToArray()) : Options.Parse([]);
            return args[0] switch
            {
                "seed" => await SeedAsync(options),
                "apikey" when args.Length > 1 && args[1] == "create" => await CreateKeyAsync(Options.Parse(args.Skip(2).ToArray())),
                "import" => await ImportCommand.RunAsync(args[1..], OpenDatabase),
                "stats" when args.Length > 1 && args[1] == "experiment" => await ExperimentResultsCommand.RunAsync(Options.Parse(args.Skip(2).ToArray()), OpenDatabase),
                "stats" when args.Length > 1 && args[1] == "analyze" => StatsAnalyze.Run(Options.Parse(args.Skip(2).ToArray())),
                "uplift" when args.Length > 1 && args[1] == "train" => UpliftCommands.Train(Options.Parse(args.Skip(2).ToArray())),
                "uplift" when args.Length > 1 && args[1] == "score" => UpliftCommands.Score(Options.Parse(args.Skip(2).ToArray())),
                "uplift" when args.Length > 1 && args[1] == "evaluate" => UpliftCommands.Evaluate(Options.Parse(args.Skip(2).ToArray())),
                "copy" when args.Length > 1 && args[1] == "train" => await CopyCommands.TrainAsync(CopyOptions(args), OpenDatabase),
                "copy" when args.Length > 1 && args[1] == "suggest" => await CopyCommands.SuggestAsync(CopyOptions(args), OpenDatabase),
                "copy" when args.Length > 1 && args[1] == "evaluate" => await CopyCommands.EvaluateAsync(CopyOptions(args), OpenDatabase),
                "bench" when args.Length > 1 && args[1] == "uplift" => UpliftBenchmark.Quality(Options.Parse(args.Skip(2).ToArray())),
                "bench" when args.Length > 1 && args[1] == "uplift-speed" => UpliftBenchmark.Speed(Options.Parse(args.Skip(2).ToArray())),
                "bench" when args.Length > 1 && args[1] == "targeting" => await TargetingBenchmark.RunAsync(Options.Parse(args.Skip(2).ToArray()), OpenDatabase),
                "bench" when args.Length > 1 && args[1] == "latency" => await LatencyBenchmark.RunAsync(Options.Parse(args.Skip(2).ToArray())),
                "bench" when args.Length > 1 && args[1] == "copy-latency" => await CopyLatencyBenchmark.RunAsync(Options.Parse(args.Skip(2).ToArray())),
                "bench" when args.Length > 1 && args[1] == "audience" => await AudienceBenchmark.RunAsync(Options.Parse(args.Skip(2).ToArray()), OpenDatabase),
                "bench" when args.Length > 1 && args[1] == "results" => await ResultsBenchmark.RunAsync(Options.Parse(args.Skip(2).ToArray()), OpenDatabase),
                "bench" when args.Length > 1 && args[1] == "import" => await ImportBenchmark.RunAsync(Options.Parse(args.Skip(2).ToArray()), OpenDatabase),
                "bench" when args.Length > 1 && args[1] == "ingest" => await IngestBenchmark.RunAsync(Options.Parse(args.Skip(2).ToArray()), OpenDatabase),
                _ => Fail($"Unknown command '{args[0]}'.\n{Usage}"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidDataException or HttpRequestException or Domain.DomainException or Imports.ImportException)
        {
            return Fail(ex.Message);
        }
    }

    /// <summary>The copy commands also take the short `-n 10`.</summary>
    private static Options CopyOptions(string[] args) => Options.Parse(args.Skip(2).Select(a => a == "-n" ? "--n" : a).ToArray());

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

    private static async Task<int> CreateKeyAsync(Options options)
    {
        var name = options.Value("name") ?? throw new ArgumentException("--name is required.");
        // No default: a key gets exactly the rights its creator names.
        var named = options.Value("scopes") ?? throw new ArgumentException("--scopes is required: one or more of assign, ingest, import, comma-separated.");
        var scopes = ApiScopes.None;
        foreach (var s in named.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            scopes |= Enum.TryParse<ApiScopes>(s, true, out var scope) ? scope : throw new ArgumentException($"Unknown scope '{s}' (use assign, ingest, import).");
        if (scopes == ApiScopes.None) throw new ArgumentException("--scopes names no scope: use one or more of assign, ingest, import.");
        await using var db = OpenDatabase(options);
        var (key, plain) = ApiKey.Create(name, scopes, "cli");
        db.ApiKeys.Add(key);
        db.Audit("cli", "apikey.create", nameof(ApiKey), key.Id, $"{key.Name} ({key.Scopes})");
        await db.SaveChangesAsync();
        Console.WriteLine(plain);
        return 0;
    }

    internal static CampaignsDbContext OpenDatabase(Options options)
    {
        var settings = new DatabaseOptions();
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(file) && JsonDocument.Parse(File.ReadAllText(file)).RootElement.TryGetProperty(DatabaseOptions.Section, out var section))
            settings = section.Deserialize<DatabaseOptions>(new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }) ?? settings;
        if (options.Value("provider") is { } provider)
            settings.Provider = Enum.TryParse<DatabaseProvider>(provider, true, out var p) ? p : throw new ArgumentException($"--provider must be Sqlite or SqlServer, not '{provider}'.");
        if (options.Value("database") is { } connection) settings.ConnectionString = connection;
        return settings.CreateContext();
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    /// <summary>`--name value` (repeatable) and `--flag` arguments.</summary>
    internal sealed class Options(Dictionary<string, List<string?>> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, List<string?>>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--")) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
                var name = args[i][2..];
                if (!values.TryGetValue(name, out var list)) values[name] = list = [];
                list.Add(i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : null);
            }
            return new Options(values);
        }

        public string? Value(string name) => values.GetValueOrDefault(name)?.LastOrDefault();
        public List<string> Values(string name) => values.GetValueOrDefault(name)?.OfType<string>().ToList() ?? [];
        public bool Flag(string name) => values.ContainsKey(name);

        public int Int(string name, int fallback) => Value(name) is not { } text ? fallback
            : int.TryParse(text, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.");
    }
}
