using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.ML;

namespace Campaigns.Ml;

/// <summary>
/// The file every trained model is stored as: a zip whose manifest.json names the model's format and version, then
/// entries read and written by name. Opening checks the zip, the manifest, the format and the version, and every read
/// failure is an <see cref="InvalidDataException"/> naming what is wrong, which the registry shows instead of loading.
/// </summary>
public sealed class ModelArchive : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly ZipArchive _zip;

    private ModelArchive(ZipArchive zip) => _zip = zip;

    /// <summary>Starts a model file on the stream (left open) with its manifest.</summary>
    public static ModelArchive Create<TManifest>(Stream stream, TManifest manifest) where TManifest : IModelManifest
    {
        var archive = new ModelArchive(new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true));
        archive.WriteJson("manifest.json", manifest);
        return archive;
    }

    /// <summary>Opens a model file (the stream is left open) and reads its manifest, which must have this format and version.</summary>
    /// <param name="what">The model, with its article, as errors name it ("a copy generator").</param>
    /// <param name="oldest">The oldest version still read (the reader fills in what it lacks); by default only <paramref name="version"/>.</param>
    public static (ModelArchive Archive, TManifest Manifest) Open<TManifest>(Stream stream, string format, int version, string what, int? oldest = null)
        where TManifest : IModelManifest
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException ex) { throw new InvalidDataException($"Not {what}: the file is not a zip archive ({ex.Message})."); }
        var archive = new ModelArchive(zip);
        try
        {
            if (zip.GetEntry("manifest.json") is null) throw new InvalidDataException($"Not {what}: the zip has no manifest.json.");
            var manifest = archive.ReadJson<TManifest>("manifest.json");
            if (manifest.Format != format) throw new InvalidDataException($"Not {what}: manifest.json has format '{manifest.Format}', expected '{format}'.");
            if (manifest.Version > version || manifest.Version < (oldest ?? version))
                throw new InvalidDataException($"The file holds {what} saved in format version {manifest.Version}; this version reads {version}. Train a new version.");
            return (archive, manifest);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public void WriteText(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    public void WriteJson<T>(string name, T value)
    {
        using var entry = _zip.CreateEntry(name).Open();
        JsonSerializer.Serialize(entry, value, JsonOptions);
    }

    /// <param name="compress">False for content that is compressed already (an ML.NET model is a zip).</param>
    public void WriteBytes(string name, ReadOnlySpan<byte> bytes, bool compress = true)
    {
        using var entry = _zip.CreateEntry(name, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression).Open();
        entry.Write(bytes);
    }

    /// <summary>Writes an ML.NET model (a zip itself, so stored uncompressed) with the schema of its input.</summary>
    public void WriteMlNet(MLContext ml, ITransformer model, DataViewSchema input, string name)
    {
        using var buffer = new MemoryStream();
        ml.Model.Save(model, input, buffer);
        WriteBytes(name, buffer.ToArray(), compress: false);
    }

    /// <summary>Reads an ML.NET model written by <see cref="WriteMlNet"/>, with the schema of its input.</summary>
    public ITransformer ReadMlNet(MLContext ml, string name, out DataViewSchema input)
    {
        using var buffer = new MemoryStream(ReadBytes(name));
        try { return ml.Model.Load(buffer, out input); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { throw new InvalidDataException($"{name} is not a readable ML.NET model ({ex.Message})."); }
    }

    public string ReadText(string name) => Encoding.UTF8.GetString(ReadBytes(name));

    public T ReadJson<T>(string name)
    {
        try
        {
            using var entry = Entry(name).Open();
            return JsonSerializer.Deserialize<T>(entry, JsonOptions) ?? throw new InvalidDataException($"{name} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name} is not valid: {ex.Message}");
        }
    }

    public byte[] ReadBytes(string name)
    {
        using var entry = Entry(name).Open();
        using var buffer = new MemoryStream();
        entry.CopyTo(buffer);
        return buffer.ToArray();
    }

    public void Dispose() => _zip.Dispose();

    private ZipArchiveEntry Entry(string name) => _zip.GetEntry(name) ?? throw new InvalidDataException($"The model file lacks {name}.");
}
