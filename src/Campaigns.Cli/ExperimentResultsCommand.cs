using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Experiments;
using Campaigns.Data;

namespace Campaigns.Cli;

/// <summary>
/// `campaigns stats experiment`: a stored experiment's results, read from the database by the service the results page
/// and the API call, so the command line shows the same numbers (they are the same computation).
/// </summary>
internal static class ExperimentResultsCommand
{
    /// <summary>As the API writes it: camel case, enums by name.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var id = Guid.TryParse(options.Value("id"), out var g) ? g : throw new ArgumentException("--id must be the experiment's id (a GUID).");
        var factory = new ContextFactory(() => openDatabase(options));
        var statistics = new ExperimentStatistics(factory, new RollupCatchUp(factory, alwaysWait: true), new MoneyFormat(CommandOptions.Settings<StoreOptions>(StoreOptions.Section).Currency), new());
        var view = await statistics.LoadAsync(id, ResultsOptionsOf(options)) ?? throw new ArgumentException($"No experiment has id {id}.");
        if (options.Flag("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(view, Json));
            return 0;
        }
        Console.WriteLine($"{view.Name} ({view.Status})");
        Console.WriteLine(view.Headline);
        foreach (var arm in view.Arms)
            Console.WriteLine($"  {arm.Arm}{(arm.IsControl ? " (control)" : "")}: {arm.Exposed:N0} exposed, {arm.Converters:N0} converted");
        foreach (var comparison in view.Report.Comparisons)
            Console.WriteLine("  " + comparison.Verdict);
        return 0;
    }

    /// <summary>The options named, as the API reads them: a cap outside (0, 1) means no capping.</summary>
    private static ResultsOptions ResultsOptionsOf(CommandOptions options)
    {
        var defaults = new ResultsOptions();
        T Enum<T>(string name, T fallback) where T : struct, Enum => options.Value(name) is not { } text ? fallback
            : System.Enum.TryParse<T>(text.Replace("-", ""), true, out var v) && System.Enum.IsDefined(v) ? v
            : throw new ArgumentException($"--{name} must be one of {string.Join(", ", System.Enum.GetNames<T>())}, not '{text}'.");
        var cuped = options.Value("cuped") is not { } c ? defaults.UseCuped
            : bool.TryParse(c, out var b) ? b : throw new ArgumentException($"--cuped must be true or false, not '{c}'.");
        var cap = options.Value("winsorize") is not { } w ? defaults.WinsorizePercentile
            : double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p is > 0 and < 1 ? p : null
            : throw new ArgumentException($"--winsorize must be a number such as 0.99, not '{w}'.");
        return defaults with
        {
            Engine = Enum("engine", defaults.Engine),
            Correction = Enum("correction", defaults.Correction),
            UseCuped = cuped,
            WinsorizePercentile = cap,
        };
    }
}
