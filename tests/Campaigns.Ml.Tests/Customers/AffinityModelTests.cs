using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Analytics.Customers;
using Campaigns.Ml.Customers;
using Campaigns.Ml.Customers.Affinity;

namespace Campaigns.Ml.Tests.Customers;

public class AffinityModelTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly Cut = new(2025, 7, 1);
    private static readonly string[] Categories = ["garden", "toys", "books", "kitchen", "shoes"];

    /// <summary>
    /// Two years of orders: each customer has a home category (80% of their orders) and three favourite products in it (half
    /// of those), the rest of their orders anywhere. Categories are equally popular, so popularity cannot know a customer's taste.
    /// </summary>
    private static OrderHistory Store(int customers, int seed)
    {
        var random = new Random(seed);
        var orders = new List<Order>();
        for (var c = 0; c < customers; c++)
        {
            var home = random.Next(Categories.Length);
            var favourites = Enumerable.Range(0, 3).Select(_ => random.Next(12)).ToArray();
            var rate = 0.02 + 0.05 * random.NextDouble();
            for (var day = random.NextDouble() * 300; day < 730; day += -Math.Log(1 - random.NextDouble()) / rate)
            {
                var (category, product) = random.NextDouble() < 0.8
                    ? (home, random.NextDouble() < 0.5 ? favourites[random.Next(3)] : random.Next(12))
                    : (random.Next(Categories.Length), random.Next(12));
                orders.Add(new Order($"c{c}", Start.AddDays((int)day), 30, Categories[category], Product: $"{Categories[category]}-{product}"));
            }
        }
        return OrderHistory.From(orders);
    }

    private static int[] Everyone(OrderHistory history) => CustomerFeatures.AsOf(history, Cut).Customer;

    [Fact]
    public void Learns_each_customers_taste_and_beats_popularity_on_the_horizon_after_the_cut_off()
    {
        var history = Store(3000, 1);
        var model = AffinityModel.Train(history, Cut, new CustomerModelOptions())!;
        var customers = Everyone(history);
        var learned = model.Evaluate(history, Cut, 90, customers);
        var popular = model.Evaluate(history, Cut, 90, customers, popularityOnly: true);

        Assert.True(model.Choice.Factorization, model.Choice.Reason);
        Assert.True(learned.Products.Customers > 500);
        Assert.True(learned.Products.Precision > 1.5 * popular.Products.Precision, $"{learned.Products.Precision} vs {popular.Products.Precision}");
        Assert.True(learned.Products.Recall > popular.Products.Recall);
        Assert.True(learned.Categories.HitRate > popular.Categories.HitRate);
    }

    [Fact]
    public void A_customers_top_category_is_their_home_category()
    {
        var history = Store(3000, 2);
        var model = AffinityModel.Train(history, Cut, new CustomerModelOptions())!;
        var customers = Everyone(history);
        var predictions = model.Predict(history, Cut, customers);
        var right = 0;
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            var home = Enumerable.Range(history.Start[c], history.Start[c + 1] - history.Start[c]).Where(o => history.Day[o] < Cut.DayNumber)
                .GroupBy(o => history.Categories[history.Category[o]]).MaxBy(g => g.Count())!.Key;
            if (model.Categories[predictions.TopCategories[i * AffinityModel.CategoriesPerCustomer]] == home) right++;
        }
        Assert.True(right > 0.7 * customers.Length, $"{right} of {customers.Length}");
    }

    [Fact]
    public void Orders_on_or_after_the_cut_off_never_change_what_is_learned()
    {
        var history = Store(1500, 3);
        var trimmed = OrderHistory.From(Enumerable.Range(0, history.Customers).SelectMany(c => Enumerable.Range(history.Start[c], history.Start[c + 1] - history.Start[c])
            .Where(o => history.Day[o] < Cut.DayNumber)
            .Select(o => new Order(history.CustomerIds[c], DateOnly.FromDayNumber(history.Day[o]), history.Amount[o], history.Categories[history.Category[o]],
                Product: history.Products[history.Product[o]]))));
        var full = AffinityModel.Train(history, Cut, new CustomerModelOptions())!;
        var past = AffinityModel.Train(trimmed, Cut, new CustomerModelOptions())!;

        Assert.Equal(past.Products, full.Products);
        Assert.Equal(past.Popularity, full.Popularity);
        Assert.Equal(past.Weights!.Output, full.Weights!.Output);
        var ids = Everyone(trimmed).Select(c => trimmed.CustomerIds[c]).ToArray();
        var inFull = ids.Select(id => history.CustomerIds.ToList().IndexOf(id)).ToArray();
        Assert.Equal(past.Predict(trimmed, Cut, Everyone(trimmed)).TopProducts, full.Predict(history, Cut, inFull).TopProducts);
    }

    [Fact]
    public void A_store_whose_orders_name_no_product_has_no_affinity()
    {
        var history = OrderHistory.From(Enumerable.Range(0, 50).Select(c => new Order($"c{c}", Start.AddDays(c), 10, "garden")));
        Assert.Null(AffinityModel.Train(history, Cut, new CustomerModelOptions()));
    }

    [Fact]
    public void A_saved_customer_model_gives_the_same_top_products_and_categories_after_loading()
    {
        var history = Store(2000, 4);
        var models = CustomerModels.Train(history, Cut);
        using var file = new MemoryStream();
        models.Save(file);
        file.Position = 0;
        var loaded = CustomerModels.Load(file);

        var customers = Everyone(history);
        var (before, after) = (models.Affinity!.Predict(history, Cut, customers), loaded.Affinity!.Predict(history, Cut, customers));
        Assert.Equal(before.TopProducts, after.TopProducts);
        Assert.Equal(before.TopCategories, after.TopCategories);
        Assert.Equal(models.Affinity.Choice, loaded.Affinity.Choice);
    }

    [Fact]
    public void A_customer_model_saved_before_the_trend_columns_loads_and_predicts_as_it_did()
    {
        using var file = Fixture("customer-models-v2.zip");
        var loaded = CustomerModels.Load(file);

        var predicted = loaded.Predict(loaded.FeaturesAsOf(Store(1500, 5), Cut));

        var then = JsonSerializer.Deserialize<SavedPredictions>(Fixture("customer-models-v2.json"), JsonSerializerOptions.Web)!;
        Assert.True(loaded.ValueChoice.BoostedWeight > 0, "The fixture's value blends in a boosted model learned on spend.");
        Assert.Equal(then.Churn, predicted.ChurnRisk, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(then.Purchase, predicted.PurchaseProbability, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(then.Value, predicted.PredictedValue, (a, b) => Math.Abs(a - b) < 1e-3);
        Assert.Equal(then.Persona, predicted.Persona);
    }

    [Fact]
    public void A_customer_model_saved_before_affinity_still_loads_and_has_none()
    {
        // Rewrite the format-2 fixture as format 1 wrote it: version 1, no affinity in the manifest, no weights.
        using var file = Fixture("customer-models-v2.zip");
        using var old = new MemoryStream();
        using (var source = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true))
        using (var target = new ZipArchive(old, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.Name != "affinity.bin"))
            {
                using var input = entry.Open();
                using var output = target.CreateEntry(entry.FullName).Open();
                if (entry.Name != "manifest.json") { input.CopyTo(output); continue; }
                var manifest = JsonNode.Parse(input)!.AsObject();
                manifest["version"] = 1;
                manifest.Remove("affinity");
                using var writer = new Utf8JsonWriter(output);
                manifest.WriteTo(writer);
            }
        }
        old.Position = 0;

        var loaded = CustomerModels.Load(old);

        Assert.Null(loaded.Affinity);
        Assert.NotEmpty(loaded.Personas.Personas);
        Assert.Equal(1500, loaded.Predict(loaded.FeaturesAsOf(Store(1500, 5), Cut)).ChurnRisk.Length);
    }

    /// <summary>
    /// A model file format 2 wrote (before the trend columns and the value model on log orders), trained on Store(1500, 5) as
    /// of <see cref="Cut"/>, and what it predicted for those customers then.
    /// </summary>
    private static Stream Fixture(string name) =>
        typeof(AffinityModelTests).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"No embedded fixture '{name}'.");

    private sealed record SavedPredictions(float[] Churn, float[] Purchase, float[] Value, int[] Persona);
}
