using Campaigns.Imports.Csv;

namespace Campaigns.Imports.Tests.Csv;

public class CsvTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x.example\",\"click\")", "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote_and_quoted(string text, string written) =>
        Assert.Equal(written, CsvText.Cell(text));

    [Theory]
    [InlineData("-3.5")]
    [InlineData("+12")]
    [InlineData("-1e3")]
    [InlineData("plain")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Numbers_and_text_that_starts_harmlessly_are_written_as_they_are(string text) => Assert.Equal(text, CsvText.Cell(text));

    [Fact]
    public void A_number_written_by_the_app_stays_a_number() => Assert.Equal("-3.5", CsvText.Number(-3.5));

    [Fact]
    public void A_neutralized_line_is_read_back_with_the_quote_prefix_and_nothing_else_changed()
    {
        var line = CsvText.Line(["=1+1", "a,b", "-3.5", "say \"hi\""]);
        using var csv = new CsvReader(new StringReader(line + "\n"));
        Assert.Equal(["'=1+1", "a,b", "-3.5", "say \"hi\""], csv.Read()!.Value.Fields);
    }

    [Fact]
    public void A_raw_line_for_the_apps_own_reader_is_not_neutralized() => Assert.Equal("=1,+2", CsvText.RawLine(["=1", "+2"]));
}
