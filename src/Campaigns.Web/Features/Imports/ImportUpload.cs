using System.Text;
using System.Text.Json;
using Campaigns.Imports;
using Campaigns.Imports.Csv;

namespace Campaigns.Web.Features.Imports;

/// <summary>An uploaded body that was too large: nothing of it is kept.</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"The upload is larger than the {limit / (1024 * 1024):N0} MB this server accepts (Imports:MaxUploadMegabytes).");

/// <summary>
/// An upload kept in a temporary file while it is imported (the engine reads a file twice: once to detect its
/// encoding and delimiter), with its size checked as it is copied. JSON lines become CSV on the way in, so every
/// check and message is the engine's own. Deleted on dispose.
/// </summary>
public sealed class ImportUpload : IAsyncDisposable
{
    private readonly List<string> _files = [];

    public ImportSource Source { get; private set; } = null!;

    public static async Task<ImportUpload> SaveAsync(Stream body, string fileName, bool jsonLines, long limit, CancellationToken ct)
    {
        var upload = new ImportUpload();
        try
        {
            var gzip = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            var raw = upload.NewFile(gzip ? ".csv.gz" : jsonLines ? ".jsonl" : ".csv");
            await using (var file = File.Create(raw)) await CopyLimitedAsync(body, file, limit, ct);
            var path = jsonLines ? await JsonLinesToCsvAsync(raw, upload.NewFile(".csv"), ct) : raw;
            upload.Source = new ImportSource(gzip ? fileName : Path.ChangeExtension(fileName, ".csv"), () => File.OpenRead(path));
            return upload;
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in _files)
            try { File.Delete(file); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private string NewFile(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-upload-{Guid.NewGuid():N}{extension}");
        _files.Add(path);
        return path;
    }

    /// <summary>Copies a body, refusing it as soon as it passes the limit.</summary>
    public static async Task CopyLimitedAsync(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit) throw new UploadTooLargeException(limit);
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    /// <summary>
    /// One JSON object per line → CSV whose header is every property name in order of first appearance (two
    /// streaming passes). Values are written as their text; null and missing become empty cells.
    /// </summary>
    private static async Task<string> JsonLinesToCsvAsync(string jsonl, string csv, CancellationToken ct)
    {
        var header = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(jsonl))
        {
            line++;
            if (text.Trim().Length == 0) continue;
            using var document = Parse(text, line);
            foreach (var property in document.RootElement.EnumerateObject())
                if (known.Add(property.Name)) header.Add(property.Name);
        }
        await using var writer = new StreamWriter(csv, false, new UTF8Encoding(false));
        await writer.WriteLineAsync(CsvText.Line(header));
        var cells = new string[header.Count];
        foreach (var text in File.ReadLines(jsonl))
        {
            ct.ThrowIfCancellationRequested();
            if (text.Trim().Length == 0) continue;
            using var document = JsonDocument.Parse(text);
            Array.Fill(cells, "");
            foreach (var property in document.RootElement.EnumerateObject())
                cells[header.IndexOf(property.Name)] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
            await writer.WriteLineAsync(CsvText.Line(cells));
        }
        return csv;
    }

    private static JsonDocument Parse(string text, int line)
    {
        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
        }
        catch (JsonException) { }
        throw new ImportException($"Line {line} is not a JSON object: send one object per line, e.g. {{\"customer_id\":\"C1\",\"email\":\"a@x.org\"}}.");
    }
}
