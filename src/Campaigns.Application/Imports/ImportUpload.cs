using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Campaigns.Imports.Csv;
using Campaigns.Imports.Files;

namespace Campaigns.Application.Imports;

/// <summary>
/// A request body stored as an upload in the database (size-limited while it is copied). JSON lines become CSV on
/// the way in, so every check and message is the engine's own.
/// </summary>
public static class ImportUpload
{
    /// <summary>Stores a body named after its kind; a gzipped one stays compressed (checked, and bounded once decompressed, as it is stored).</summary>
    public static async Task<ImportFile> StoreAsync(ImportFiles files, Stream body, string name, bool jsonLines, bool gzip, string owner, long limit, CancellationToken ct)
    {
        var compressed = gzip ? ".gz" : "";
        if (!jsonLines) return await files.SaveAsync(body, $"{name}.csv{compressed}", ImportFilePurpose.Upload, owner, limit, ct);
        var raw = await files.SaveAsync(body, $"{name}.jsonl{compressed}", ImportFilePurpose.Upload, owner, limit, ct);
        try
        {
            return await JsonLinesToCsvAsync(files, raw, $"{name}.csv", owner, ct);
        }
        finally
        {
            await files.DeleteAsync(raw.Id, CancellationToken.None);
        }
    }

    /// <summary>
    /// One JSON object per line → CSV whose header is every property name in order of first appearance (two
    /// streaming passes). Values are written as their text; null and missing become empty cells.
    /// </summary>
    private static async Task<ImportFile> JsonLinesToCsvAsync(ImportFiles files, ImportFile jsonl, string csvName, string owner, CancellationToken ct)
    {
        var header = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        await foreach (var text in LinesAsync(files, jsonl, ct))
        {
            line++;
            if (text.Trim().Length == 0) continue;
            using var document = Parse(text, line);
            foreach (var property in document.RootElement.EnumerateObject())
                if (known.Add(property.Name)) header.Add(property.Name);
        }
        var csv = await files.CreateAsync(csvName, ImportFilePurpose.Upload, owner, ct: ct);
        try
        {
            await using (var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16))
            {
                await writer.WriteLineAsync(CsvText.RawLine(header));
                var cells = new string[header.Count];
                await foreach (var text in LinesAsync(files, jsonl, ct))
                {
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
                    await writer.WriteLineAsync(CsvText.RawLine(cells));
                }
            }
            return csv.File;
        }
        catch
        {
            await files.DeleteAsync(csv.File.Id, CancellationToken.None);
            throw;
        }
    }

    private static async IAsyncEnumerable<string> LinesAsync(ImportFiles files, ImportFile file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var stored = files.Open(file.Id);
        using var reader = new StreamReader(file.FileName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stored, CompressionMode.Decompress) : stored, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line) yield return line;
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
