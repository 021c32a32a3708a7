using System.Reflection;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;

namespace Campaigns.Data.Demo;

/// <summary>
/// The demo store's copy templates, written as data (<c>copy-headlines.tsv</c>, <c>copy-bodies.tsv</c>, embedded in
/// this assembly: channel, tone, structure, template) so the corpus can grow without touching the generator.
/// </summary>
public static class DemoCopyTemplates
{
    /// <summary>Headlines: email subjects, push notifications and banner headlines.</summary>
    public static IReadOnlyList<DemoCopyTemplate> Headlines { get; } = Read("copy-headlines.tsv");

    /// <summary>Bodies of emails and banners (a push has none).</summary>
    public static IReadOnlyList<DemoCopyTemplate> Bodies { get; } = Read("copy-bodies.tsv");

    private static List<DemoCopyTemplate> Read(string file)
    {
        var name = $"Campaigns.Data.Demo.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        var templates = new List<DemoCopyTemplate>();
        reader.ReadLine();
        for (var (line, number) = (reader.ReadLine(), 2); line is not null; (line, number) = (reader.ReadLine(), number + 1))
        {
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != 4 || !Enum.TryParse<Channel>(fields[0], out var channel) || !Enum.TryParse<Tone>(fields[1], out var tone))
                throw new InvalidDataException($"{file} line {number}: expected channel, tone, structure and template separated by tabs.");
            templates.Add(new DemoCopyTemplate(channel, tone, fields[2], fields[3]));
        }
        return templates;
    }
}
