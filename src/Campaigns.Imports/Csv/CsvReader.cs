using System.IO.Compression;
using System.Text;

namespace Campaigns.Imports.Csv;

/// <summary>
/// Streaming RFC 4180 reader: quoted fields with delimiters, doubled quotes and line breaks, CRLF or LF, and
/// .csv.gz files. <see cref="Open(Func{Stream}, string, char?)"/> detects the encoding (UTF-8 with or without a
/// byte-order mark, else Latin-1) and the delimiter from the start of the file; nothing else is read ahead, so
/// a file of any size streams. Yields one record at a time with its 1-based line number; fields and records
/// are bounded (<see cref="MaxFieldChars"/>, <see cref="MaxRecordChars"/>), so neither can exhaust memory.
/// </summary>
public sealed class CsvReader(TextReader reader, char delimiter = ',') : IDisposable
{
    /// <summary>Bytes sampled to choose the encoding and delimiter.</summary>
    private const int SampleBytes = 1 << 20;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    /// <summary>Longest field kept (64 K characters); a longer one makes its record a problem.</summary>
    public const int MaxFieldChars = 64 * 1024;
    /// <summary>Longest record read (1 M characters, delimiters included); the rest of a longer one is skipped.</summary>
    public const int MaxRecordChars = 1024 * 1024;

    private readonly StringBuilder _field = new();
    private readonly char[] _buffer = new char[1 << 16];
    private int _position, _length, _line = 1;

    public char Delimiter => delimiter;

    /// <summary>"UTF-8" or "Latin-1": what the file was read as.</summary>
    public string EncodingName { get; private init; } = "UTF-8";

    public static CsvReader Open(string path, char? delimiter = null) => Open(() => File.OpenRead(path), path, delimiter);

    /// <summary>Opens a source that can be read twice (once to sample, once to stream); a name ending in .gz is decompressed.</summary>
    public static CsvReader Open(Func<Stream> open, string name, char? delimiter = null)
    {
        var gzip = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        Stream Raw() => gzip ? new GZipStream(open(), CompressionMode.Decompress) : open();

        var sample = new byte[SampleBytes];
        int length;
        using (var stream = Raw()) length = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        var latin1 = !LooksLikeUtf8(sample.AsSpan(0, length), truncated: length == sample.Length);
        var encoding = latin1 ? Encoding.Latin1 : Utf8WithLatin1Fallback;
        var chosen = delimiter ?? DetectDelimiter(encoding.GetString(sample, 0, length));
        var text = new StreamReader(Raw(), encoding, detectEncodingFromByteOrderMarks: !latin1, bufferSize: 1 << 16);
        return new CsvReader(text, chosen) { EncodingName = latin1 ? "Latin-1" : "UTF-8" };
    }

    /// <summary>
    /// The next record, the line it starts on, and what is wrong with it when it could not be read as written (a field
    /// or the record over its limit, a quote never closed), or null at the end. A record over a limit is read to its end
    /// without keeping what is over, so memory stays bounded whatever the file; its fields are then cut short.
    /// </summary>
    public (int Line, List<string> Fields, string? Problem)? Read()
    {
        if (Peek() < 0) return null;
        var start = _line;
        var fields = new List<string>();
        var quoted = false;
        var (recordChars, fieldTooLong) = (0L, -1);
        _field.Clear();
        void Keep(char ch)
        {
            if (++recordChars > MaxRecordChars) return;
            if (_field.Length < MaxFieldChars) _field.Append(ch);
            else if (fieldTooLong < 0) fieldTooLong = fields.Count;
        }
        (int, List<string>, string?) Record(string? unclosed)
        {
            fields.Add(_field.ToString());
            var problem = unclosed
                ?? (recordChars > MaxRecordChars ? $"the row is longer than {MaxRecordChars:N0} characters (the most a row may have); it is not read."
                : fieldTooLong >= 0 ? $"field {fieldTooLong + 1} is longer than {MaxFieldChars:N0} characters (the most a field may have)."
                : null);
            if (problem is not null) fields = [];
            return (start, fields, problem);
        }
        while (true)
        {
            var c = Next();
            if (c < 0) return Record(quoted ? $"a quoted field is not closed before the end of the file (the quote opens on line {start} or later)." : null);
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (Peek() == '"') { Next(); Keep('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') _line++;
                    Keep(ch);
                }
            }
            else if (ch == '"' && _field.Length == 0) quoted = true;
            else if (ch == delimiter)
            {
                recordChars++;
                if (recordChars <= MaxRecordChars) fields.Add(_field.ToString());
                _field.Clear();
            }
            else if (ch == '\r' && Peek() == '\n') { }
            else if (ch == '\n')
            {
                _line++;
                return Record(null);
            }
            else Keep(ch);
        }
    }

    public void Dispose() => reader.Dispose();

    private int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

    private int Next() => _position < _length || Fill() ? _buffer[_position++] : -1;

    private bool Fill()
    {
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    /// <summary>Valid UTF-8, allowing a multi-byte character cut off at the end of a truncated sample.</summary>
    private static bool LooksLikeUtf8(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return true;
        if (!truncated) return false;
        for (var cut = 1; cut <= 3 && cut < bytes.Length; cut++)
            if (System.Text.Unicode.Utf8.IsValid(bytes[..^cut])) return true;
        return false;
    }

    /// <summary>The candidate found most often outside quotes on the first line; a comma when none is.</summary>
    private static char DetectDelimiter(string sample)
    {
        var counts = new int[Candidates.Length];
        var quoted = false;
        foreach (var ch in sample)
        {
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch is '\n' or '\r') break;
            else if (!quoted && Array.IndexOf(Candidates, ch) is var i and >= 0) counts[i]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++) if (counts[i] > counts[best]) best = i;
        return Candidates[best];
    }

    /// <summary>
    /// UTF-8 that reads a stray invalid byte past the sample as its Latin-1 character instead of failing or
    /// replacing it: files exported from older tools mix the two.
    /// </summary>
    private static readonly Encoding Utf8WithLatin1Fallback =
        Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new Latin1Fallback());

    private sealed class Latin1Fallback : DecoderFallback
    {
        public override int MaxCharCount => 4;
        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private byte[] _bytes = [];
            private int _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                (_bytes, _next) = (bytesUnknown, 0);
                return true;
            }

            public override char GetNextChar() => _next < _bytes.Length ? (char)_bytes[_next++] : '\0';
            public override bool MovePrevious() => _next > 0 && _next-- > 0;
            public override int Remaining => _bytes.Length - _next;
        }
    }
}
