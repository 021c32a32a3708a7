using System.Text;

namespace Campaigns.Cli.Tests;

public class CsvReaderTests
{
    private static List<List<string>> ReadAll(string text)
    {
        using var csv = new CsvReader(new StringReader(text));
        var rows = new List<List<string>>();
        while (csv.Read() is { } r) rows.Add(r.Fields);
        return rows;
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var rows = ReadAll("a,b,c\r\n1,\"6) $750 - $1,000\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",x\r\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "6) $750 - $1,000", "say \"hi\""], rows[1]);
        Assert.Equal(["2", "two\nlines", "x"], rows[2]);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("segment,visit\nA,1\n")).ToArray();
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, bytes);
        using var csv = CsvReader.Open(path);
        Assert.Equal("segment", csv.Read()!.Value.Fields[0]);
        File.Delete(path);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_with_its_line()
    {
        var ex = Assert.Throws<FormatException>(() => ReadAll("a,b\n1,\"open\n2,3\n"));
        Assert.Contains("Line 2", ex.Message);
    }
}
