using System.Globalization;
using System.Text;

namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public class OffersCommandsTests : IDisposable
{
    private const string Offers = """
        {"margin": 0.40, "shippingFee": 4.95, "freeShippingFrom": 60,
         "offers": {"pct20": {"type": "PercentOff", "percent": 20}, "freeship": {"type": "FreeShipping"}}}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("offers-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Deal seekers buy much more with 20% off, small-basket mobile customers with free shipping; baskets near past_basket.</summary>
    private static string Experiment(int rows, int seed, string[]? arms = null)
    {
        arms ??= ["none", "pct20", "freeship"];
        var random = new Random(seed);
        var csv = new StringBuilder("customer,offer,deal,past_basket,device,bought,basket\n");
        for (var i = 0; i < rows; i++)
        {
            var deal = random.NextDouble();
            var pastBasket = 20 + random.Next(0, 100);
            var mobile = random.NextDouble() < 0.5;
            var arm = random.Next(arms.Length);
            var p = 0.08 + (arms[arm] == "pct20" && deal > 0.6 ? 0.3 : 0) + (arms[arm] == "freeship" && mobile && pastBasket < 50 ? 0.25 : 0);
            var bought = random.NextDouble() < p;
            var basket = bought ? pastBasket * (0.8 + 0.4 * random.NextDouble()) : 0;
            csv.Append(CultureInfo.InvariantCulture, $"c{i},{arms[arm]},{deal:0.###},{pastBasket},{(mobile ? "mobile" : "desktop")},{(bought ? 1 : 0)},{basket:0.00}\n");
        }
        return csv.ToString();
    }

    private string[] Train(string data, string offers, params string[] extra) =>
        ["offers", "train", "--data", data, "--id", "customer", "--treatment", "offer", "--control", "none", "--outcome", "bought", "--revenue", "basket",
            "--offers", offers, "--model", Path.Combine(_folder, "model.zip"), .. extra];

    [Fact]
    public async Task Train_and_evaluate_print_the_plans_value_against_each_offer_random_and_nothing()
    {
        var offers = File("offers.json", Offers);
        var (code, output, error) = await CliRun.RunAsync(Train(File("train.csv", Experiment(4000, 1)), offers, "--learner", "t"));
        Assert.True(code == 0, error);
        Assert.Contains("numeric features: deal, past_basket", output);
        Assert.Contains("T *", output);
        Assert.Contains("Saved the T offer model", output);

        (code, output, error) = await CliRun.RunAsync("offers", "evaluate", "--model", Path.Combine(_folder, "model.zip"),
            "--data", File("test.csv", Experiment(2000, 2)), "--offers", offers);
        Assert.True(code == 0, error);
        Assert.Contains("2,000 randomized rows", output);
        foreach (var line in new[] { "plan ", "plan minus nothing", "pct20 for everyone", "freeship for everyone", "random offer", "nothing", "cost curve" })
            Assert.Contains(line, output);
    }

    [Theory]
    [InlineData("""{"margin": 0.4, "offers": {"pct20": {"type": "HalfPrice"}, "freeship": {"type": "FreeShipping"}}}""",
        "offer 'pct20' has the unknown type 'HalfPrice' (use PercentOff, AmountOff, FreeShipping or Bundle).")]
    [InlineData("""{"margin": 0.4, "offers": {"pct20": {"type": "PercentOff", "percent": 20}}}""",
        "The value 'freeship' in column 'offer' is not an offer of")]
    [InlineData("""{"margin": 0.4, "offers": {"pct20": {"type": "PercentOff", "percent": 20}, "freeship": {"type": "FreeShipping"}, "b2g1": {"type": "Bundle", "buy": 2, "get": 1}}}""",
        "The offer 'b2g1' of")]
    [InlineData("""{"offers": {}}""", "'margin' is required.")]
    [InlineData("""{"margin": 0.4, "offers": {"pct20": {"type": "PercentOff"}}}""", "offer 'pct20': 'percent' is required.")]
    public async Task Bad_offers_fail_with_one_line(string offers, string message)
    {
        var (code, output, error) = await CliRun.RunAsync(Train(File("train.csv", Experiment(300, 1)), File("offers.json", offers)));
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("Saved", output);
    }

    [Fact]
    public async Task A_missing_revenue_column_fails_with_one_line()
    {
        var args = Train(File("train.csv", Experiment(300, 1)), File("offers.json", Offers));
        args[Array.IndexOf(args, "basket")] = "spend";
        var (code, _, error) = await CliRun.RunAsync(args);
        Assert.NotEqual(0, code);
        Assert.Contains("Column 'spend' is not in the header", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Evaluating_rows_of_an_arm_the_model_does_not_know_fails_with_one_line()
    {
        var offers = File("offers.json", Offers);
        Assert.Equal(0, (await CliRun.RunAsync(Train(File("train.csv", Experiment(2000, 1)), offers, "--learner", "t"))).Code);
        var (code, _, error) = await CliRun.RunAsync("offers", "evaluate", "--model", Path.Combine(_folder, "model.zip"),
            "--data", File("test.csv", Experiment(200, 2, ["none", "pct20", "sms"])), "--offers", offers);
        Assert.NotEqual(0, code);
        Assert.Contains("'sms' in column 'offer' is not one of the model's arms (none, freeship, pct20).", error);
    }

    [Fact]
    public async Task Plan_writes_each_customers_offer_or_none_best_first_and_keeps_within_the_budget()
    {
        var offers = File("offers.json", Offers);
        Assert.Equal(0, (await CliRun.RunAsync(Train(File("train.csv", Experiment(4000, 1)), offers, "--learner", "t"))).Code);
        var customers = File("customers.csv", Experiment(1000, 3));
        var planPath = Path.Combine(_folder, "plan.csv");
        var (code, output, error) = await CliRun.RunAsync("offers", "plan", "--model", Path.Combine(_folder, "model.zip"), "--data", customers,
            "--offers", offers, "--out", planPath);
        Assert.True(code == 0, error);
        var lines = System.IO.File.ReadAllLines(planPath);
        Assert.Equal("customer_id,offer,expected_incremental_profit", lines[0]);
        Assert.Equal(1001, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(f => (Offer: f[1], Profit: double.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
        Assert.All(rows, r => Assert.Contains(r.Offer, new[] { "pct20", "freeship", "none" }));
        Assert.Contains(rows, r => r.Offer == "pct20");
        Assert.Contains(rows, r => r.Offer == "freeship");
        var offered = rows.TakeWhile(r => r.Offer != "none").ToList();
        Assert.All(rows.Skip(offered.Count), r => Assert.Equal("none", r.Offer));
        Assert.Equal(offered.Select(r => r.Profit).OrderDescending(), offered.Select(r => r.Profit));
        Assert.Contains("Expected incremental profit", output);

        (code, output, error) = await CliRun.RunAsync("offers", "plan", "--model", Path.Combine(_folder, "model.zip"), "--data", customers,
            "--offers", offers, "--out", planPath, "--budget", "25");
        Assert.True(code == 0, error);
        var spend = double.Parse(output[(output.IndexOf("expected spend ", StringComparison.Ordinal) + 15)..].Split(';')[0], CultureInfo.InvariantCulture);
        Assert.InRange(spend, 0, 25);
        Assert.True(System.IO.File.ReadAllLines(planPath).Skip(1).Count(l => !l.Contains(",none,")) < offered.Count);

        (code, _, error) = await CliRun.RunAsync("offers", "plan", "--model", Path.Combine(_folder, "model.zip"), "--data", customers,
            "--offers", offers, "--out", planPath, "--budget", "lots");
        Assert.NotEqual(0, code);
        Assert.Contains("--budget must be an amount above 0, not 'lots'.", error);
    }
}
