using System.Text;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Files;
using Microsoft.Data.Sqlite;

namespace Campaigns.Imports.Tests;

/// <summary>A migrated SQLite file per test class instance, and files the tests write themselves.</summary>
public abstract class ImportDatabase : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"campaigns-imports-{Guid.NewGuid():N}");
    private DatabaseOptions Options => new() { ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")}" };

    protected CampaignsDbContext Open() => Options.CreateContext();
    protected ContextFactory Factory => new(Options.CreateContext);
    protected ImportEngine Engine => new(Factory);
    protected ImportFiles Files => new(Factory);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await using var db = Open();
        await db.MigrateAsync(migrateServer: false);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    protected string WriteFile(string text, string name = "file.csv", Encoding? encoding = null)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}-{name}");
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    /// <summary>Imports with the suggested mapping plus "column=field" choices.</summary>
    protected Task<ImportSummary> ImportAsync(ImportKind kind, string path, bool dryRun = false, string[]? map = null,
        string? rowIdPrefix = null, CampaignImportSettings? campaign = null, int batchSize = 5000, TextWriter? rejected = null,
        Func<ImportSummary, Task>? progress = null, string culture = "")
    {
        var source = ImportSource.FromFile(path);
        var (_, suggested, reader) = ImportEngine.Preview(source, kind);
        reader.Dispose();
        var settings = new ImportSettings
        {
            Kind = kind, Mapping = suggested.With(kind, map ?? []), RowIdPrefix = rowIdPrefix, Campaign = campaign, BatchSize = batchSize, Culture = culture,
        };
        return Engine.RunAsync(source, settings, new ImportRunOptions { DryRun = dryRun, User = "tests", RejectedRows = rejected, Progress = progress });
    }

    protected async Task SeedCatalogueAsync()
    {
        var customers = WriteFile("customer_id,email,region\nC1,a@x.org,North\nC2,b@x.org,South\nC3,c@x.org,North\n");
        Assert.Equal(0, (await ImportAsync(ImportKind.Customers, customers)).Rejected);
        var products = WriteFile("sku,name,category,price,cost\nP1,Mug,Kitchen,10.00,4\nP2,Plate,Kitchen,20.50,8\nP3,Lamp,Living,35,20\n");
        Assert.Equal(0, (await ImportAsync(ImportKind.Products, products)).Rejected);
    }
}
