using System.Globalization;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Cli;

/// <summary>
/// `campaigns import customers|products|orders|campaign|copy FILE`: the import engine from the command line. Prints the
/// mapping it used, the summary and the first problems; exit code 0 when every row was stored, 1 when rows were rejected.
/// </summary>
internal static class ImportCommand
{
    private const int ProblemsShown = 20;

    public static async Task<int> RunAsync(string kindName, string file, CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var kind = Enum.TryParse<ImportKind>(kindName, true, out var k) && Enum.IsDefined(k) ? k
            : throw new ArgumentException($"Unknown import '{kindName}': use customers, products, orders, campaign or copy.");
        var source = ImportSource.FromFile(file);

        await using (var db = openDatabase(options)) await db.MigrateAsync(migrateServer: false);
        var factory = new ContextFactory(() => openDatabase(options));
        var settings = await SettingsAsync(kind, source, options, factory);

        TextWriter? rejected = options.Value("rejected") is { } rejectedPath ? new StreamWriter(rejectedPath) : null;
        ImportSummary summary;
        try
        {
            var run = new ImportRunOptions
            {
                DryRun = options.Flag("dry-run"), User = "cli", RejectedRows = rejected,
                Progress = s => { Console.Error.Write($"\r{s.Rows:N0} rows read, {s.Inserted + s.Updated + s.Skipped:N0} stored, {s.Rejected:N0} rejected"); return Task.CompletedTask; },
            };
            var engine = new ImportEngine(factory);
            summary = options.Value("resume") is { } resume
                ? await engine.ResumeAsync(Guid.TryParse(resume, out var id) ? id : throw new ArgumentException($"--resume takes an import run id, not '{resume}'."), source, run)
                : await engine.RunAsync(source, settings, run);
        }
        finally
        {
            rejected?.Dispose();
            Console.Error.WriteLine();
        }

        Console.WriteLine("Mapping: " + string.Join(", ", summary.Mapping.Select(m => $"{m.Value} → {m.Key}")));
        Console.WriteLine($"{summary} in {summary.Elapsed.TotalSeconds:0.0} s" + (summary.RunId is { } runId ? $"; run {runId}" : ""));
        if (summary.CustomersRecomputed > 0) Console.WriteLine($"Behaviour recomputed for {summary.CustomersRecomputed:N0} customers.");
        foreach (var problem in summary.Problems.Take(ProblemsShown)) Console.WriteLine("  " + problem);
        if (summary.ProblemCount > ProblemsShown) Console.WriteLine($"  ... and {summary.ProblemCount - ProblemsShown:N0} more" + (rejected is null ? " (write them all with --rejected FILE)." : "."));
        if (kind == ImportKind.Campaign && !summary.DryRun) await PrintArmsAsync(factory, settings.Campaign!.Name);
        return summary.Rejected > 0 || summary.ProblemCount > 0 ? 1 : 0;
    }

    private static async Task<ImportSettings> SettingsAsync(ImportKind kind, ImportSource source, CommandOptions options, ContextFactory factory)
    {
        var (_, suggested, reader) = ImportEngine.Preview(source, kind);
        reader.Dispose();
        var culture = options.Value("culture") ?? "";
        var mapping = suggested;
        if (options.Value("mapping") is { } name)
        {
            await using var db = factory.CreateDbContext();
            (mapping, var savedCulture) = await ImportMappings.LoadAsync(db, name, kind);
            culture = options.Value("culture") ?? savedCulture;
        }
        mapping = mapping.With(kind, options.Values("map").SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        var settings = new ImportSettings { Kind = kind, Mapping = mapping, Culture = culture, RowIdPrefix = options.Value("row-id"), BatchSize = options.Int("batch", new ImportSettings().BatchSize) };
        settings.ReadCulture();
        if (kind == ImportKind.Campaign)
            settings.Campaign = new CampaignImportSettings
            {
                Name = options.Value("name") ?? throw new ArgumentException("--name is required: the past campaign's name."),
                ControlArm = options.Value("control") ?? throw new ArgumentException("--control is required: the arm value of the control group."),
                StartedAt = options.Value("date") is { } date
                    ? DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d
                        : throw new ArgumentException($"--date must be a date like 2008-03-20, not '{date}'.")
                    : null,
                Days = options.Int("days", 14),
                Channel = options.Value("channel") is { } c ? Enum.TryParse<Channel>(c, true, out var channel) ? channel
                    : throw new ArgumentException($"--channel must be Email, Push or OnsiteBanner, not '{c}'.") : Channel.Email,
            };
        if (options.Value("save-mapping") is { } saveAs)
        {
            await using var db = factory.CreateDbContext();
            await ImportMappings.SaveAsync(db, saveAs, kind, mapping, culture, "cli");
        }
        return settings;
    }

    /// <summary>Each arm as the results page reads it: customers, share converted (the primary outcome) and revenue per customer.</summary>
    private static async Task PrintArmsAsync(ContextFactory factory, string name)
    {
        await using var db = factory.CreateDbContext();
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstAsync(e => e.IsHistorical && e.Name == name);
        var cells = await db.ExperimentCells.AsNoTracking().Where(c => c.ExperimentId == experiment.Id)
            .GroupBy(c => c.ArmId).Select(g => new { ArmId = g.Key, Units = g.Sum(c => c.Units), Converters = g.Sum(c => c.Converters), Revenue = g.Sum(c => c.Revenue) }).ToListAsync();
        foreach (var arm in experiment.Arms.OrderBy(a => a.Position))
        {
            var c = cells.FirstOrDefault(x => x.ArmId == arm.Id);
            var (units, converters, revenue) = c is null ? (0L, 0L, 0.0) : (c.Units, c.Converters, c.Revenue);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {arm.Name}{(arm.IsControl ? " (control)" : "")}: {units:N0} customers, converted {(units == 0 ? 0 : (double)converters / units):0.000000}, revenue per customer {(units == 0 ? 0 : revenue / units):0.000000}"));
        }
    }
}
