using System.Globalization;
using System.Text;

namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public class CustomersCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("customers-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// Two years of orders from 2025-01-01: each customer buys at their own Poisson rate and may lapse after any order
    /// (BG/NBD's story), spends around their own mean, mostly in a favourite category.
    /// </summary>
    internal static string Orders(int customers, int seed)
    {
        var random = new Random(seed);
        var categories = new[] { "garden", "kitchen", "toys", "books" };
        var start = new DateOnly(2025, 1, 1);
        var csv = new StringBuilder("order_id,cust,ordered_at,total,category\n");
        var order = 0;
        for (var c = 0; c < customers; c++)
        {
            var rate = 0.005 + 0.06 * Math.Pow(random.NextDouble(), 2); // orders per day
            var lapse = 0.05 + 0.4 * random.NextDouble();
            var spend = 20 + 150 * random.NextDouble();
            var favourite = categories[random.Next(categories.Length)];
            var day = random.NextDouble() * 600;
            while (day < 730)
            {
                var category = random.NextDouble() < 0.7 ? favourite : categories[random.Next(categories.Length)];
                csv.Append(CultureInfo.InvariantCulture, $"{order++},c{c},{start.AddDays((int)day):yyyy-MM-dd},{spend * (0.6 + 0.8 * random.NextDouble()):0.00},{category}\n");
                if (random.NextDouble() < lapse) break;
                day += -Math.Log(1 - random.NextDouble()) / rate;
            }
        }
        return csv.ToString();
    }

    private string[] Args(string command, string orders, params string[] extra) =>
        ["customers", command, "--orders", orders, "--customer", "cust", "--date", "ordered_at", "--amount", "total", "--category", "category", "--as-of", "2026-07-01", .. extra];

    [Fact]
    public async Task Predict_writes_one_row_per_customer_with_an_order_before_the_cut_off()
    {
        var orders = File("orders.csv", Orders(3000, 1));
        var outPath = Path.Combine(_folder, "pred.csv");
        var (code, output, error) = await CliRun.RunAsync(Args("predict", orders, "--out", outPath));
        Assert.True(code == 0, error);
        Assert.Contains("customers with orders before 2026-07-01", output);

        var before = System.IO.File.ReadLines(orders).Skip(1).Select(l => l.Split(','))
            .Where(f => string.CompareOrdinal(f[2], "2026-07-01") < 0).Select(f => f[1]).ToHashSet();
        var lines = System.IO.File.ReadAllLines(outPath);
        Assert.Equal("customer_id,churn_risk,purchase_probability,expected_orders_12m,predicted_value_12m,persona", lines[0]);
        Assert.Equal(before.Count, lines.Length - 1);
        foreach (var row in lines.Skip(1).Select(l => l.Split(',')))
        {
            Assert.Contains(row[0], before);
            Assert.InRange(double.Parse(row[1], CultureInfo.InvariantCulture), 0, 1);
            Assert.InRange(double.Parse(row[2], CultureInfo.InvariantCulture), 0, 1);
            Assert.True(double.Parse(row[3], CultureInfo.InvariantCulture) >= 0);
            Assert.True(double.Parse(row[4], CultureInfo.InvariantCulture) >= 0);
            Assert.NotEmpty(row[5]);
        }
    }

    [Fact]
    public async Task Backtest_prints_each_model_against_its_baseline_and_beats_recency_on_churn()
    {
        var (code, output, error) = await CliRun.RunAsync(Args("backtest", File("orders.csv", Orders(4000, 2))));
        Assert.True(code == 0, error);
        foreach (var text in new[] { "Churn risk, no order in 90 days", "recency alone", "Purchase propensity", "BG/NBD + Gamma-Gamma", "top 20% share", "Personas: " })
            Assert.Contains(text, output);
        var churn = output.Split('\n').SkipWhile(l => !l.StartsWith("Churn risk")).ToList();
        double Auc(string label) => double.Parse(churn.First(l => l.TrimStart().StartsWith(label)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[label == "model" ? 1 : 2], CultureInfo.InvariantCulture);
        Assert.True(Auc("model") > Auc("recency alone"), output);
    }

    [Theory]
    [InlineData("order_id,cust,when,total,category\n1,c1,2026-01-01,10,toys\n", "Column 'ordered_at' is not in the header")]
    [InlineData("order_id,cust,ordered_at,total,category\n1,c1,2026-01-01,10,toys\n2,c1,yesterday,10,toys\n", "Line 3, column 'ordered_at': 'yesterday' is not a date")]
    [InlineData("order_id,cust,ordered_at,total,category\n1,c1,2026-01-01,ten,toys\n", "Line 2, column 'total': 'ten' is not a number.")]
    [InlineData("order_id,cust,ordered_at,total,category\n1,c1,2026-08-01,10,toys\n", "No order in")]
    public async Task Bad_input_fails_with_one_line(string csv, string message)
    {
        var (code, output, error) = await CliRun.RunAsync(Args("predict", File("bad.csv", csv), "--out", Path.Combine(_folder, "pred.csv")));
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(output);
    }

    [Fact]
    public async Task Backtest_without_orders_after_the_cut_off_says_it_needs_them()
    {
        var csv = Orders(2000, 3).Split('\n').Where(l => l.Length > 0 && (l.StartsWith("order_id") || string.CompareOrdinal(l.Split(',')[2], "2026-07-01") < 0));
        var (code, _, error) = await CliRun.RunAsync(Args("backtest", File("early.csv", string.Join('\n', csv) + "\n")));
        Assert.NotEqual(0, code);
        Assert.Contains("No order is on or after 2026-07-01", error);
    }

    [Fact]
    public async Task A_missing_option_or_a_bad_date_is_named()
    {
        var (code, _, error) = await CliRun.RunAsync("customers", "predict", "--orders", File("o.csv", "a\n"), "--customer", "cust", "--date", "d", "--amount", "a",
            "--as-of", "01/07/2026", "--out", "x.csv");
        Assert.NotEqual(0, code);
        Assert.Contains("--as-of must be a date like 2026-06-01, not '01/07/2026'.", error);
    }
}
