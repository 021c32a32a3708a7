using System.IO.Compression;
using System.Text;
using Campaigns.Imports.Csv;

namespace Campaigns.Imports.Tests.Csv;

public class CsvReaderTests
{
    private static List<List<string>> ReadAll(CsvReader csv)
    {
        var rows = new List<List<string>>();
        while (csv.Read() is { } r) rows.Add(r.Fields);
        return rows;
    }

    private static CsvReader OpenBytes(byte[] bytes, string name = "file.csv") => CsvReader.Open(() => new MemoryStream(bytes), name);

    [Fact]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        using var csv = new CsvReader(new StringReader("a,b,c\r\n1,\"6) $750 - $1,000\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",x\r\n"));
        var rows = ReadAll(csv);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "6) $750 - $1,000", "say \"hi\""], rows[1]);
        Assert.Equal(["2", "two\nlines", "x"], rows[2]);
    }

    [Fact]
    public void A_record_after_a_quoted_line_break_reports_the_line_it_starts_on()
    {
        using var csv = new CsvReader(new StringReader("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n"));
        csv.Read();
        Assert.Equal(2, csv.Read()!.Value.Line);
        Assert.Equal(4, csv.Read()!.Value.Line);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("segment,visit\nZoë,1\n")).ToArray();
        using var csv = OpenBytes(bytes);
        var rows = ReadAll(csv);
        Assert.Equal("segment", rows[0][0]);
        Assert.Equal("Zoë", rows[1][0]);
        Assert.Equal("UTF-8", csv.EncodingName);
    }

    [Fact]
    public void A_file_that_is_not_valid_utf8_is_read_as_latin1()
    {
        using var csv = OpenBytes(Encoding.Latin1.GetBytes("name,city\nRenée,Köln\n"));
        var rows = ReadAll(csv);
        Assert.Equal(["Renée", "Köln"], rows[1]);
        Assert.Equal("Latin-1", csv.EncodingName);
    }

    [Fact]
    public void A_semicolon_separated_file_is_detected_and_says_so()
    {
        using var csv = OpenBytes(Encoding.UTF8.GetBytes("sku;name;price\nA1;\"Mug; blue\";3,50\n"));
        Assert.Equal(';', csv.Delimiter);
        Assert.Equal(["A1", "Mug; blue", "3,50"], ReadAll(csv)[1]);
    }

    [Fact]
    public void A_gzipped_file_is_decompressed_while_it_streams()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes("a,b\r\n1,2\r\n"));
        using var csv = OpenBytes(compressed.ToArray(), "orders.csv.gz");
        Assert.Equal([["a", "b"], ["1", "2"]], ReadAll(csv));
    }

    [Fact]
    public void An_unclosed_quote_is_a_problem_of_its_record_with_its_line_not_an_exception()
    {
        using var csv = new CsvReader(new StringReader("a,b\n1,\"open\n2,3\n"));
        csv.Read();
        var record = csv.Read()!.Value;
        Assert.Equal(2, record.Line);
        Assert.Contains("quoted field is not closed", record.Problem);
        Assert.Null(csv.Read());
    }

    [Fact]
    public void A_field_over_the_limit_is_a_problem_of_its_record_and_the_next_record_is_read()
    {
        using var csv = new CsvReader(new StringReader($"a,b\n1,{new string('x', CsvReader.MaxFieldChars + 1)}\n2,y\n"));
        csv.Read();
        var record = csv.Read()!.Value;
        Assert.Equal("field 2 is longer than 65,536 characters (the most a field may have).", record.Problem);
        Assert.Empty(record.Fields);
        var next = csv.Read()!.Value;
        Assert.Equal((3, null), (next.Line, next.Problem));
        Assert.Equal(["2", "y"], next.Fields);
    }

    [Fact]
    public void A_line_of_any_length_without_a_line_break_is_read_in_bounded_memory_as_one_problem()
    {
        // 20 million characters, never held: before the limit, reading it allocated over 80 MB (the field, then its string).
        using var csv = new CsvReader(new RepeatingReader("a,b\n", 'x', 20_000_000, "\n2,y\n"));
        csv.Read();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var record = csv.Read()!.Value;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("the row is longer than 1,048,576 characters", record.Problem);
        Assert.True(allocated < 8 << 20, $"reading the line allocated {allocated:N0} bytes");
        Assert.Equal(["2", "y"], csv.Read()!.Value.Fields);
    }

    /// <summary>A text of a head, a character repeated, and a tail, produced as it is read.</summary>
    private sealed class RepeatingReader(string head, char repeated, long count, string tail) : TextReader
    {
        private long _position;

        public override int Read(char[] buffer, int index, int length)
        {
            var written = 0;
            while (written < length && _position < head.Length + count + tail.Length)
            {
                buffer[index + written++] = _position < head.Length ? head[(int)_position]
                    : _position < head.Length + count ? repeated : tail[(int)(_position - head.Length - count)];
                _position++;
            }
            return written;
        }
    }
}

public class CsvReaderStreamingTests
{
    /// <summary>Rows made up as they are read: a file far larger than what the test lets the reader hold.</summary>
    private sealed class GeneratedCsv(long rows) : Stream
    {
        private byte[] _pending = "order_id,customer_id,placed_at,sku,quantity,unit_price\r\n"u8.ToArray();
        private int _offset;
        private long _row;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_row == rows) return 0;
                _row++;
                _pending = System.Text.Encoding.ASCII.GetBytes($"O{_row},C{_row % 5000},2026-03-01,\"SKU, {_row % 300}\",1,19.99\r\n");
                _offset = 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_file_of_hundreds_of_megabytes_streams_in_a_few_megabytes_of_memory()
    {
        const long rows = 2_000_000; // ~105 MB
        using var csv = CsvReader.Open(() => new GeneratedCsv(rows), "big.csv");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long read = 0, peak = 0;
        while (csv.Read() is { } record)
        {
            if (++read % 500_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            Assert.Equal(6, record.Fields.Count);
        }
        Assert.Equal(rows + 1, read);
        Assert.True(peak < 16 * 1024 * 1024, $"The reader held {peak / 1e6:0.0} MB.");
    }
}
