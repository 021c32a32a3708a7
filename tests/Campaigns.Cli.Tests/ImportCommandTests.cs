using System.Text;
using Microsoft.Data.Sqlite;

namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-cli-import-").FullName;
    private string Database => $"Data Source={Path.Combine(_folder, "store.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => CliRun.RunAsync([.. args, "--database", Database]);

    /// <summary>Hillstrom's shape: no customer id, three arms; visit rates 3/6, 2/6 and 1/6.</summary>
    private string Hillstrom()
    {
        var text = new StringBuilder("recency,history_segment,zip_code,segment,visit,conversion,spend\r\n");
        string[] arms = ["Mens E-Mail", "Womens E-Mail", "No E-Mail"];
        for (var i = 0; i < 18; i++)
        {
            var (arm, k) = (i % 3, i / 3);
            var visit = k < 3 - arm ? 1 : 0;
            text.Append($"{i},\"2) $100 - $200\",Urban,{arms[arm]},{visit},{(visit == 1 && k == 0 ? 1 : 0)},{(visit == 1 && k == 0 ? "40.5" : "0")}\r\n");
        }
        return Write("hillstrom.csv", text.ToString());
    }

    [Fact]
    public async Task Customers_then_a_past_campaign_print_each_arms_visit_rate_as_the_results_page_reads_it()
    {
        var path = Hillstrom();
        var customers = await RunAsync("import", "customers", path, "--row-id", "h-", "--map", "zip_code=region,segment=ignore,visit=ignore,conversion=ignore,spend=ignore");
        Assert.Equal(0, customers.Code);
        Assert.Contains("18 rows: 18 inserted, 0 updated, 0 unchanged, 0 rejected (UTF-8, delimiter ',')", customers.Out);

        var campaign = await RunAsync("import", "campaign", path, "--row-id", "h-", "--name", "Hillstrom", "--control", "No E-Mail", "--date", "2008-03-20", "--map", "visit=converted");
        Assert.Equal(0, campaign.Code);
        Assert.Contains("Mapping: segment → arm, visit → converted, spend → revenue", campaign.Out);
        Assert.Contains("No E-Mail (control): 6 customers, converted 0.166667", campaign.Out);
        Assert.Contains("Womens E-Mail: 6 customers, converted 0.333333", campaign.Out);
        Assert.Contains("Mens E-Mail: 6 customers, converted 0.500000, revenue per customer 6.750000", campaign.Out);

        var again = await RunAsync("import", "campaign", path, "--row-id", "h-", "--name", "Hillstrom", "--control", "No E-Mail", "--date", "2008-03-20", "--map", "visit=converted");
        Assert.Contains("18 rows: 0 inserted, 0 updated, 18 unchanged, 0 rejected", again.Out);
    }

    [Fact]
    public async Task A_dry_run_lists_problems_by_row_and_column_writes_the_rejected_rows_and_exits_with_one()
    {
        var path = Write("customers.csv", "customer_id,signed_up_at\nC1,2026-01-01\nC1,2026-01-02\nC3,yesterday\n");
        var rejected = Path.Combine(_folder, "rejected.csv");
        var (code, output, _) = await RunAsync("import", "customers", path, "--dry-run", "--rejected", rejected);
        Assert.Equal(1, code);
        Assert.Contains("Dry run: 3 rows: 1 to insert, 0 to update, 0 unchanged, 2 rejected", output);
        Assert.Contains("Row 2 (line 3), column 'customer_id': customer 'C1' already appeared at row 1.", output);
        Assert.Contains("Row 3 (line 4), column 'signed_up_at': 'yesterday' is not a date", output);
        Assert.Equal(3, File.ReadAllLines(rejected).Length);
    }

    [Fact]
    public async Task A_saved_mapping_is_reused_by_name()
    {
        var path = Write("products.csv", "code;title;dept;eur\nA1;Mug;Kitchen;3,50\n");
        var first = await RunAsync("import", "products", path, "--map", "code=sku,title=name,dept=category,eur=price", "--culture", "de-DE", "--save-mapping", "shop export");
        Assert.Equal(0, first.Code);
        var second = await RunAsync("import", "products", path, "--mapping", "shop export");
        Assert.Contains("1 rows: 0 inserted, 0 updated, 1 unchanged, 0 rejected (UTF-8, delimiter ';')", second.Out);
    }

    [Theory]
    [InlineData("sku,name\nA,B\n", "products", "Required column category (category name (created when new)) is missing. Map one of the columns to it (columns: 'sku', 'name').")]
    [InlineData("", "customers", "is empty: it has no header row.")]
    [InlineData("a\n1\n", "refunds", "Unknown import 'refunds': use customers, products, orders, campaign or copy.")]
    public async Task Bad_input_gives_one_line_naming_the_problem_and_exit_code_two(string csv, string kind, string message)
    {
        var (code, _, error) = await RunAsync("import", kind, Write("file.csv", csv));
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }
}
