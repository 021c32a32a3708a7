using Campaigns.Data;
using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Tests;

public class OrderImportTests : ImportDatabase
{
    private const string Orders = """
        order_id,customer_id,order_date,sku,qty,price,discount,shipping
        O1,C1,2026-03-01,P1,2,10.00,0,4.95
        O1,C1,2026-03-01,P2,1,20.50,2.50,4.95
        O2,C2,2026-03-02 14:30,P3,1,35,0,0
        O3,C3,2026-03-05,P1,1,9.50,0,0
        """;

    [Fact]
    public async Task Lines_become_orders_with_totals_and_a_second_import_of_the_same_file_skips_every_line()
    {
        await SeedCatalogueAsync();
        var path = WriteFile(Orders);
        var first = await ImportAsync(ImportKind.Orders, path, batchSize: 2);
        Assert.Equal((4, 0, 0, 0), (first.Inserted, first.Updated, first.Skipped, first.Rejected));
        await using (var db = Open())
        {
            var o1 = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.ExternalId == "O1");
            Assert.Equal((40.50m, 2.50m, 4.95m, 42.95m, 2), (o1.Subtotal, o1.Discount, o1.Shipping, o1.Total, o1.Lines.Count));
            // The larger line (20.50 against 2 × 10) is what the order is about.
            Assert.Equal((await db.Products.SingleAsync(p => p.Sku == "P2")).Id, o1.MainProductId);
            Assert.Equal(new DateTime(2026, 3, 2, 14, 30, 0), (await db.Orders.SingleAsync(o => o.ExternalId == "O2")).PlacedAt);
        }

        var second = await ImportAsync(ImportKind.Orders, path, batchSize: 2);
        Assert.Equal((0, 0, 4), (second.Inserted, second.Updated, second.Skipped));
        await using (var db = Open())
            Assert.Equal((3, 4), (await db.Orders.CountAsync(), await db.OrderLines.CountAsync()));
    }

    [Fact]
    public async Task A_changed_order_gets_its_lines_replaced()
    {
        await SeedCatalogueAsync();
        await ImportAsync(ImportKind.Orders, WriteFile(Orders));
        var summary = await ImportAsync(ImportKind.Orders, WriteFile("order_id,customer_id,order_date,sku,qty,price\nO2,C2,2026-03-02 14:30,P3,3,35\nO2,C2,2026-03-02 14:30,P1,11,10\n"));
        Assert.Equal((0, 2), (summary.Inserted, summary.Updated));
        await using var db = Open();
        var o2 = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.ExternalId == "O2");
        Assert.Equal((215m, 2), (o2.Total, o2.Lines.Count));
        Assert.Equal(5, await db.OrderLines.CountAsync());
        // Its main product follows its new lines: 11 × 10 outweighs 3 × 35.
        Assert.Equal((await db.Products.SingleAsync(p => p.Sku == "P1")).Id, o2.MainProductId);
    }

    [Fact]
    public async Task Bad_lines_are_rejected_by_row_and_column_and_every_valid_line_is_kept()
    {
        await SeedCatalogueAsync();
        var summary = await ImportAsync(ImportKind.Orders, WriteFile("""
            order_id,customer_id,order_date,sku,qty,price
            O1,C1,2026-03-01,P1,2,10.00
            O1,C1,2026-03-01,P2,-1,20.50
            O2,C9,2026-03-02,P3,1,35
            O3,C2,2026-13-45,P1,1,9.50
            O4,C3,2026-03-05,P1,1,-9.50
            O5,C3,2026-03-05,P7,1,5
            O6,C3,2026-03-06,P2,1,abc
            O1,C1,2026-03-01,P3,1,35
            """));
        Assert.Equal((1, 7), (summary.Inserted, summary.Rejected));
        Assert.Equal([
            "Row 2 (line 3), column 'qty': quantity -1 is negative.",
            "Row 4 (line 5), column 'order_date': '2026-13-45' is not a date (read in the invariant culture: choose the file's culture, e.g. de-DE).",
            "Row 5 (line 6), column 'price': price -9.50 is negative.",
            "Row 7 (line 8), column 'price': 'abc' is not a number (read in the invariant culture: choose the file's culture, e.g. de-DE).",
            "Row 8 (line 9), column 'order_id': order 'O1' already appeared at row 1: keep an order's lines next to each other.",
            "Row 3 (line 4), column 'customer_id': no customer 'C9' is stored: import the customers first.",
            "Row 6 (line 7), column 'sku': no product 'P7' is stored: import the products first.",
        ], summary.Problems.Select(p => p.ToString()));
        await using var db = Open();
        Assert.Equal(1, await db.OrderLines.CountAsync());
    }

    [Fact]
    public async Task Numbers_and_dates_are_read_in_the_chosen_culture()
    {
        await SeedCatalogueAsync();
        var summary = await ImportAsync(ImportKind.Orders, WriteFile("bestellung;kunde;datum;sku;menge;preis\nB1;C1;24.12.2025;P1;1;1.234,50\n"),
            map: ["bestellung=order_id", "kunde=customer_id", "datum=placed_at", "menge=quantity", "preis=unit_price"], culture: "de-DE");
        Assert.Equal(1, summary.Inserted);
        await using var db = Open();
        var order = await db.Orders.SingleAsync();
        Assert.Equal((new DateTime(2025, 12, 24), 1234.50m), (order.PlacedAt, order.Total));
    }

    [Fact]
    public async Task A_failed_import_says_where_it_stopped_and_a_resume_stores_the_rest_once()
    {
        await SeedCatalogueAsync();
        var lines = Enumerable.Range(1, 10).Select(i => $"O{i},C{1 + i % 3},2026-03-{i:D2},P{1 + i % 3},1,{i}.00");
        var path = WriteFile("order_id,customer_id,order_date,sku,qty,price\n" + string.Join("\n", lines));
        var batches = 0;
        var ex = await Assert.ThrowsAsync<IOException>(() => ImportAsync(ImportKind.Orders, path, batchSize: 4,
            progress: _ => ++batches == 2 ? throw new IOException("disk full") : Task.CompletedTask));
        Assert.Equal("disk full", ex.Message);

        Guid runId;
        await using (var db = Open())
        {
            var run = await db.ImportRuns.SingleAsync(r => r.Kind == ImportKind.Orders);
            Assert.Equal((ImportStatus.Failed, 8L, 8L, "disk full"), (run.Status, run.LastCommittedRow, run.Inserted, run.Error));
            runId = run.Id;
        }
        var resumed = await Engine.ResumeAsync(runId, ImportSource.FromFile(path), new ImportRunOptions { User = "tests" });
        Assert.Equal((10L, 10L), (resumed.Inserted, resumed.LastCommittedRow));
        await using (var db = Open())
        {
            Assert.Equal(10, await db.Orders.CountAsync());
            Assert.Equal(ImportStatus.Succeeded, (await db.ImportRuns.SingleAsync(r => r.Kind == ImportKind.Orders)).Status);
        }
    }

    [Fact]
    public async Task Behaviour_recomputed_for_the_touched_customers_equals_a_full_recomputation()
    {
        await SeedCatalogueAsync();
        await ImportAsync(ImportKind.Orders, WriteFile(Orders));
        var more = await ImportAsync(ImportKind.Orders, WriteFile("order_id,customer_id,order_date,sku,qty,price,discount\nO9,C3,2026-04-01,P3,2,30,5\nO10,C3,2026-04-02,P3,1,35,0\n"));
        Assert.Equal(1, more.CustomersRecomputed);

        static async Task<List<string>> Snapshot(CampaignsDbContext db) =>
            (await db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync())
            .Select(c => c.Behaviour).Select(b =>
                $"{b.OrderCount}|{b.TotalSpend}|{b.AverageOrderValue}|{b.FirstOrderAt}|{b.LastOrderAt}|{b.DiscountShare}|{b.ItemCount}|{b.Engagement}|{b.TopCategoryId}").ToList();

        List<string> incremental;
        await using (var db = Open()) incremental = await Snapshot(db);
        await using (var db = Open()) await new CustomerBehaviourCalculator(db).RecomputeAsync(null);
        await using (var db = Open())
        {
            Assert.Equal(await Snapshot(db), incremental);
            var c3 = await db.Customers.SingleAsync(c => c.ExternalId == "C3");
            Assert.Equal((3, 1), (c3.Behaviour.OrderCount, (int)Math.Round(c3.Behaviour.DiscountShare * 3)));
        }
    }
}
