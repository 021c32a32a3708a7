using System.Text;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Csv;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Tests;

public class CustomerImportTests : ImportDatabase
{
    [Fact]
    public async Task Customers_are_inserted_with_unknown_columns_kept_as_custom_attributes()
    {
        var summary = await ImportAsync(ImportKind.Customers, WriteFile("customer_id,email,region,loyalty_tier\r\nC1,a@x.org,North,gold\r\nC2,b@x.org,,\r\n"));
        Assert.Equal((2, 0, 0), (summary.Inserted, summary.Updated, summary.Rejected));
        await using var db = Open();
        var c1 = await db.Customers.SingleAsync(c => c.ExternalId == "C1");
        Assert.Equal(("a@x.org", "North", """{"loyalty_tier":"gold"}"""), (c1.Email, c1.Region, c1.CustomAttributesJson));
        var c2 = await db.Customers.SingleAsync(c => c.ExternalId == "C2");
        Assert.Equal(("Unknown", null), (c2.Region, c2.CustomAttributesJson));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        var path = WriteFile("customer_id,email,region,tier\nC1,a@x.org,North,gold\nC2,b@x.org,South,silver\n");
        await ImportAsync(ImportKind.Customers, path);
        var second = await ImportAsync(ImportKind.Customers, path);
        Assert.Equal((0, 0, 2), (second.Inserted, second.Updated, second.Skipped));

        var changed = await ImportAsync(ImportKind.Customers, WriteFile("customer_id,email,region,tier\nC1,new@x.org,North,gold\nC2,b@x.org,South,silver\n"));
        Assert.Equal((0, 1, 1), (changed.Inserted, changed.Updated, changed.Skipped));
        await using var db = Open();
        Assert.Equal(2, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task A_duplicate_external_id_in_one_file_is_rejected_naming_the_first_row_and_the_rest_is_kept()
    {
        var rejected = new StringWriter();
        var summary = await ImportAsync(ImportKind.Customers, WriteFile("Customer ID,email\nC1,a@x.org\nC2,b@x.org\nC1,c@x.org\n"), rejected: rejected);
        Assert.Equal((2, 1), (summary.Inserted, summary.Rejected));
        Assert.Equal("Row 3 (line 4), column 'Customer ID': customer 'C1' already appeared at row 1.", summary.Problems.Single().ToString());
        Assert.Contains("3,\"Row 3 (line 4), column 'Customer ID': customer 'C1' already appeared at row 1.\",C1,c@x.org", rejected.ToString());
    }

    [Fact]
    public async Task A_semicolon_separated_file_with_a_byte_order_mark_imports_and_says_which_delimiter_it_used()
    {
        var path = WriteFile("customer_id;first_name;region\r\nC1;Zoë;\"North; coast\"\r\n", encoding: new UTF8Encoding(true));
        var summary = await ImportAsync(ImportKind.Customers, path);
        Assert.Equal((';', "UTF-8", 1L), (summary.Delimiter, summary.Encoding, summary.Inserted));
        await using var db = Open();
        var c = await db.Customers.SingleAsync();
        Assert.Equal(("C1", "Zoë", "North; coast"), (c.ExternalId, c.FirstName, c.Region));
    }

    [Fact]
    public async Task A_latin1_file_keeps_its_accented_letters()
    {
        var summary = await ImportAsync(ImportKind.Customers, WriteFile("customer_id,first_name,region\nC1,Renée,Köln\n", encoding: Encoding.Latin1));
        Assert.Equal("Latin-1", summary.Encoding);
        await using var db = Open();
        Assert.Equal(("Renée", "Köln"), await db.Customers.Select(c => ValueTuple.Create(c.FirstName, c.Region)).SingleAsync());
    }

    [Fact]
    public async Task Quoted_fields_with_commas_and_line_breaks_become_one_attribute_value()
    {
        await ImportAsync(ImportKind.Customers, WriteFile("customer_id,note\r\nC1,\"likes mugs, plates\r\nand lamps\"\r\nC2,plain\r\n"));
        await using var db = Open();
        Assert.Equal("""{"note":"likes mugs, plates\r\nand lamps"}""", (await db.Customers.SingleAsync(c => c.ExternalId == "C1")).CustomAttributesJson);
    }

    [Fact]
    public async Task A_dry_run_reports_every_problem_and_writes_nothing()
    {
        var summary = await ImportAsync(ImportKind.Customers, WriteFile("customer_id,device,signed_up_at\nC1,Phone,2026-01-02\nC2,Mobile,someday\n,Tablet,\nC4,Desktop,2025-05-05\n"), dryRun: true);
        Assert.Equal((1L, 3L), (summary.Inserted, summary.Rejected));
        Assert.Equal([
            "Row 1 (line 2), column 'device': 'Phone' is not a device (Desktop, Mobile or Tablet).",
            "Row 2 (line 3), column 'signed_up_at': 'someday' is not a date (read in the invariant culture: choose the file's culture, e.g. de-DE).",
            "Row 3 (line 4), column 'customer_id': external id is empty.",
        ], summary.Problems.Select(p => p.ToString()));
        await using var db = Open();
        Assert.False(await db.Customers.AnyAsync());
        Assert.False(await db.ImportRuns.AnyAsync());
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_its_name()
    {
        var ex = await Assert.ThrowsAsync<ImportException>(() => ImportAsync(ImportKind.Customers, WriteFile("", "customers.csv")));
        Assert.EndsWith("customers.csv' is empty: it has no header row.", ex.Message);
    }

    [Fact]
    public async Task A_header_without_rows_is_reported()
    {
        var summary = await ImportAsync(ImportKind.Customers, WriteFile("customer_id,email\r\n", "customers.csv"));
        Assert.EndsWith("customers.csv' has a header but no data rows.", summary.Problems.Single().Message);
    }

    [Fact]
    public async Task Row_numbers_can_be_the_external_id_for_a_file_without_one()
    {
        await ImportAsync(ImportKind.Customers, WriteFile("recency,zip_code\n10,Urban\n6,Rural\n"), rowIdPrefix: "h-", map: ["zip_code=region"]);
        await using var db = Open();
        Assert.Equal(["h-1", "h-2"], await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.ExternalId).ToListAsync());
        Assert.Equal("Rural", (await db.Customers.SingleAsync(c => c.ExternalId == "h-2")).Region);
    }

    [Fact]
    public async Task Over_long_fields_and_unclosed_quotes_are_row_problems_and_no_message_echoes_more_than_an_excerpt()
    {
        var longNumber = new string('9', 5000) + "x";
        var path = WriteFile($"customer_id,email,total_spend\nL1,a@x.org,{longNumber}\nL2,{new string('b', CsvReader.MaxFieldChars + 1)},1\nL3,c@x.org,2\nL4,\"never closed,3\n");
        var rejected = new StringWriter();

        var summary = await ImportAsync(ImportKind.Customers, path, map: ["total_spend=ignore"], rejected: rejected);

        Assert.Equal((4L, 2L, 2L), (summary.Rows, summary.Inserted, summary.Rejected));
        Assert.Contains(summary.Problems, p => p.Row == 2 && p.Message.StartsWith("field 2 is longer than 65,536 characters"));
        Assert.Contains(summary.Problems, p => p.Row == 4 && p.Line == 5 && p.Message.StartsWith("a quoted field is not closed"));
        Assert.All(summary.Problems, p => Assert.True(p.ToString().Length < 300));
        Assert.True(rejected.ToString().Length < 20_000);
    }

    [Fact]
    public async Task A_value_that_is_not_a_number_is_quoted_back_as_an_excerpt_of_a_hundred_characters()
    {
        var path = WriteFile($"sku,name,category,price\nP9,Mug,Kitchen,{new string('7', 300)}x\n");
        var summary = await ImportAsync(ImportKind.Products, path, dryRun: true);
        Assert.Contains(summary.Problems, p => p.Message.StartsWith($"'{new string('7', Excerpt.Length)}…' is not a number"));
        Assert.All(summary.Problems, p => Assert.True(p.Message.Length < 300));
    }

    [Fact]
    public async Task Rejected_rows_are_written_with_formulas_neutralized()
    {
        var path = WriteFile("customer_id,email,total_spend\n=HYPERLINK(\"http://x.example\"),a@x.org,1\n=HYPERLINK(\"http://x.example\"),b@x.org,-3.5\n");
        var rejected = new StringWriter();
        await ImportAsync(ImportKind.Customers, path, map: ["total_spend=ignore"], rejected: rejected);
        var line = rejected.ToString().Split('\n')[1];
        Assert.StartsWith("2,", line);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x.example\"\")\",b@x.org,-3.5", line);
    }
}
