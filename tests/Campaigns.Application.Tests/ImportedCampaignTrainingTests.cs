using System.Text;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports;

namespace Campaigns.Application.Tests;

/// <summary>A past campaign imported from a file is training data exactly like an experiment run in the app.</summary>
public sealed class ImportedCampaignTrainingTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new("imported");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hillstrom-shape-{Guid.NewGuid():N}.csv");
    private DatabaseOptions Options => _database.Options;

    public Task InitializeAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DropAsync(_file);

    [Fact]
    public async Task The_training_set_has_one_row_per_imported_customer_with_the_imported_arm_and_outcome()
    {
        var text = new StringBuilder("recency,zip_code,segment,visit,spend\r\n");
        for (var i = 0; i < 90; i++) text.Append($"{i % 12},{(i % 2 == 0 ? "Urban" : "Rural")},{(i % 3 == 0 ? "No E-Mail" : "Womens E-Mail")},{(i % 5 == 0 ? 1 : 0)},0\r\n");
        await File.WriteAllTextAsync(_file, text.ToString());
        await TestStores.ImportAsync(Options, _file, ImportKind.Customers, ["zip_code=region", "segment=ignore", "visit=ignore", "spend=ignore"], "h-");
        await TestStores.ImportAsync(Options, _file, ImportKind.Campaign, ["visit=converted"], "h-", new CampaignImportSettings
        {
            Name = "Hillstrom",
            ControlArm = "No E-Mail",
            StartedAt = new DateTime(2008, 3, 20, 0, 0, 0, DateTimeKind.Utc),
        });

        await using var db = Options.CreateContext();
        var set = await new TrainingSetBuilder(db).BuildAsync(TargetingOutcome.Conversion);
        Assert.Equal((1, 90), (set.Experiments, set.Data.Count));
        var rows = Enumerable.Range(0, set.Data.Count).ToList();
        Assert.Equal(30, rows.Count(r => set.Data.ArmAt(r) == 0));
        Assert.Equal(18, rows.Count(r => set.Data.OutcomeAt(r) == 1));
        // The file's other column is a custom attribute of the customers, and so a feature.
        Assert.Equal(["attr:recency"], set.Attributes.NumericFeatures);
    }
}
