using System.IO.Compression;
using System.Text;
using Campaigns.Ml.Uplift;

namespace Campaigns.Ml.Tests.Uplift;

public class UpliftModelFileTests(TrainedLearners trained) : IClassFixture<TrainedLearners>
{
    private byte[] Saved(UpliftLearner learner)
    {
        using var file = new MemoryStream();
        trained.Results[learner].Model.Save(file);
        return file.ToArray();
    }

    private static InvalidDataException Rejected(byte[] bytes) => Assert.Throws<InvalidDataException>(() => UpliftModel.Load(new MemoryStream(bytes)));

    /// <summary>The saved zip with one entry replaced (or removed when content is null).</summary>
    private static byte[] WithEntry(byte[] model, string name, string? content)
    {
        using var file = new MemoryStream();
        file.Write(model);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)?.Delete();
            if (content is not null)
                using (var entry = new StreamWriter(zip.CreateEntry(name).Open())) entry.Write(content);
        }
        return file.ToArray();
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_rejected()
    {
        Assert.StartsWith("Not an uplift model: the file is not a zip archive", Rejected(Encoding.UTF8.GetBytes("customer_id,uplift\n1,0.2\n")).Message);
    }

    [Fact]
    public void A_zip_without_a_manifest_is_rejected() =>
        Assert.Equal("Not an uplift model: the zip has no manifest.json.", Rejected(WithEntry(Saved(UpliftLearner.T), "manifest.json", null)).Message);

    [Fact]
    public void A_manifest_of_another_format_version_or_learner_is_rejected()
    {
        var model = Saved(UpliftLearner.T);
        var manifest = Manifest(model);
        Assert.Contains("format version 9", Rejected(WithEntry(model, "manifest.json", manifest.Replace("\"version\": 1", "\"version\": 9"))).Message);
        Assert.Equal("Unknown learner 'Forest' in manifest.json.", Rejected(WithEntry(model, "manifest.json", manifest.Replace("\"learner\": \"T\"", "\"learner\": \"Forest\""))).Message);
        Assert.StartsWith("manifest.json is not valid", Rejected(WithEntry(model, "manifest.json", manifest[..40])).Message);
    }

    [Fact]
    public void A_missing_or_damaged_part_is_named()
    {
        var model = Saved(UpliftLearner.DR);
        Assert.Equal("The model file lacks parts/tau1.zip.", Rejected(WithEntry(model, "parts/tau1.zip", null)).Message);
        Assert.StartsWith("parts/arm0.zip is not a readable ML.NET model", Rejected(WithEntry(model, "parts/arm0.zip", "garbage")).Message);
        Assert.StartsWith("parts/tarnet.bin is not readable TARNet weights", Rejected(WithEntry(Saved(UpliftLearner.Neural), "parts/tarnet.bin", "garbage")).Message);
    }

    private static string Manifest(byte[] model)
    {
        using var zip = new ZipArchive(new MemoryStream(model));
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        return reader.ReadToEnd();
    }
}
