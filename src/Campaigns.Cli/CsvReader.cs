using System.IO.Compression;
using System.Text;

namespace Campaigns.Cli;

/// <summary>
/// Streaming RFC 4180 reader: quoted fields with commas, doubled quotes and line breaks, CRLF or LF, a UTF-8
/// byte-order mark, and .csv.gz files. Yields one record at a time with its 1-based line number.
/// </summary>
public sealed class CsvReader(TextReader reader, char delimiter = ',') : IDisposable
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    public static CsvReader Open(string path, char delimiter = ',')
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new CsvReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), delimiter);
    }

    /// <summary>The next record and the line it starts on, or null at the end.</summary>
    public (int Line, List<string> Fields)? Read()
    {
        if (reader.Peek() < 0) return null;
        var start = _line;
        var fields = new List<string>();
        var quoted = false;
        _field.Clear();
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (quoted) throw new FormatException($"Line {start}: a quoted field is not closed before the end of the file.");
                fields.Add(_field.ToString());
                return (start, fields);
            }
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); _field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') _line++;
                    _field.Append(ch);
                }
            }
            else if (ch == '"' && _field.Length == 0) quoted = true;
            else if (ch == delimiter) { fields.Add(_field.ToString()); _field.Clear(); }
            else if (ch == '\r' && reader.Peek() == '\n') { }
            else if (ch == '\n')
            {
                _line++;
                fields.Add(_field.ToString());
                return (start, fields);
            }
            else _field.Append(ch);
        }
    }

    public void Dispose() => reader.Dispose();
}
