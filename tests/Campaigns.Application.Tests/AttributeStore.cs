using System.Text;
using Campaigns.Application.Audiences;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports;

namespace Campaigns.Application.Tests;

/// <summary>
/// A store imported from a file in which one custom attribute alone decides who the promotion moves: gold members
/// convert at 45% with it and 10% without, everyone else at 10% either way. A tenth of the customers have no
/// loyalty value, and every customer has a "visits" number that has nothing to do with the outcome.
/// </summary>
public class AttributeStore : IAsyncLifetime
{
    public const int Customers = 4000;
    private readonly TestDatabase _database = new("attributes");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"attributes-{Guid.NewGuid():N}.csv");
    private DatabaseOptions Options => _database.Options;

    public CampaignsDbContext Open() => Options.CreateContext();

    public static TrainingSetBuilder TrainingSets(CampaignsDbContext db, AttributeFeatureOptions? options = null) =>
        new(db, Microsoft.Extensions.Options.Options.Create(options ?? new AttributeFeatureOptions()));

    public async Task InitializeAsync()
    {
        await _database.CreateAsync();
        var random = new Random(11);
        var text = new StringBuilder("loyalty,visits,segment,visit\r\n");
        for (var i = 0; i < Customers; i++)
        {
            var loyalty = i % 10 == 9 ? "" : random.NextDouble() < 0.5 ? "gold" : "basic";
            var treated = random.NextDouble() < 0.5;
            var converted = random.NextDouble() < (treated && loyalty == "gold" ? 0.45 : 0.10);
            text.Append($"{loyalty},{random.Next(0, 30)},{(treated ? "Promotion" : "Control")},{(converted ? 1 : 0)}\r\n");
        }
        await File.WriteAllTextAsync(_file, text.ToString());
        await TestStores.ImportAsync(Options, _file, ImportKind.Customers, ["segment=ignore", "visit=ignore"], "c-");
        await TestStores.ImportAsync(Options, _file, ImportKind.Campaign, ["visit=converted"], "c-", new CampaignImportSettings
        {
            Name = "Loyalty test",
            ControlArm = "Control",
            StartedAt = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc),
        });
        await ImportedAsync();
    }

    protected virtual Task ImportedAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DropAsync(_file);
}

/// <summary>The attribute store with a current targeting model (a T-learner) trained on it.</summary>
public sealed class TrainedAttributeStore : AttributeStore
{
    public TrainingReport Report { get; private set; } = null!;

    protected override async Task ImportedAsync()
    {
        await using var db = Open();
        Report = await TestStores.TrainAsync(db, TrainingSets(db));
    }

    public AudienceBuilder Audiences(CampaignsDbContext db) => new(db, new ModelStore(db), Microsoft.Extensions.Options.Options.Create(new TargetingOptions()));
}
