using Campaigns.Domain.Imports;
using Campaigns.Imports.Mapping;

namespace Campaigns.Imports.Tests.Mapping;

public class ColumnMappingTests
{
    [Fact]
    public void Suggestions_ignore_case_spacing_and_underscores_and_know_common_synonyms()
    {
        var mapping = ColumnMapping.Suggest(ImportKind.Customers, ["Customer ID", "E-Mail Address", "FirstName", "State", "signup_date", "loyalty_tier"]);
        Assert.Equal("Customer ID", mapping.Columns["external_id"]);
        Assert.Equal("E-Mail Address", mapping.Columns["email"]);
        Assert.Equal("FirstName", mapping.Columns["first_name"]);
        Assert.Equal("State", mapping.Columns["region"]);
        Assert.Equal("signup_date", mapping.Columns["signed_up_at"]);
        Assert.DoesNotContain("loyalty_tier", mapping.Columns.Values);
    }

    [Fact]
    public void A_header_equal_to_a_field_name_wins_over_a_synonym_of_it()
    {
        var mapping = ColumnMapping.Suggest(ImportKind.Orders, ["price", "unit_price", "order", "customer", "date", "sku", "qty"]);
        Assert.Equal("unit_price", mapping.Columns["unit_price"]);
        Assert.Equal("qty", mapping.Columns["quantity"]);
    }

    [Fact]
    public void The_hillstrom_header_suggests_arm_conversion_and_spend_and_a_choice_moves_the_primary_outcome_to_visit()
    {
        string[] header = ["recency", "history_segment", "history", "mens", "womens", "zip_code", "newbie", "channel", "segment", "visit", "conversion", "spend"];
        var suggested = ColumnMapping.Suggest(ImportKind.Campaign, header);
        Assert.Equal("segment", suggested.Columns["arm"]);
        Assert.Equal("conversion", suggested.Columns["converted"]);
        Assert.Equal("spend", suggested.Columns["revenue"]);

        var chosen = suggested.With(ImportKind.Campaign, ["visit=converted"]);
        Assert.Equal("visit", chosen.Columns["converted"]);
        Assert.DoesNotContain("conversion", chosen.Columns.Values);
    }

    [Fact]
    public void Ignoring_a_column_removes_it_from_its_field()
    {
        var mapping = ColumnMapping.Suggest(ImportKind.Customers, ["id", "email"]).With(ImportKind.Customers, ["email=ignore"]);
        Assert.False(mapping.Columns.ContainsKey("email"));
        Assert.Contains("email", mapping.Ignored);
    }

    [Theory]
    [InlineData("visit", "'visit' is not a mapping: write COLUMN=FIELD")]
    [InlineData("visit=clicks", "'clicks' is not a field of a campaign import")]
    public void A_bad_choice_says_what_to_write(string choice, string message)
    {
        var ex = Assert.Throws<ImportException>(() => new ColumnMapping().With(ImportKind.Campaign, [choice]));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void A_missing_required_column_is_named_with_the_columns_there_are()
    {
        var ex = Assert.Throws<ImportException>(() => new ColumnMapping { Columns = { ["name"] = "name" } }
            .Resolve(ImportKind.Products, ["name", "price"], ',', []));
        Assert.Equal("Required column sku (the store's product id) is missing. Map one of the columns to it (columns: 'name', 'price').", ex.Message);
    }

    [Fact]
    public void A_one_column_header_that_holds_another_delimiter_says_so()
    {
        var ex = Assert.Throws<ImportException>(() => new ColumnMapping().Resolve(ImportKind.Products, ["sku|name|price"], ',', []));
        Assert.Contains("the file seems to use another delimiter than ','", ex.Message);
    }
}
