using System.Xml.Linq;

namespace Campaigns.Architecture.Tests;

/// <summary>The projects each project file references, by name, read from the repository's .csproj files.</summary>
public static class ProjectReferences
{
    public static readonly string Root = FindRoot();

    public static IReadOnlyDictionary<string, string[]> All() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "migrations"), "*.csproj", SearchOption.AllDirectories))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), Of);

    public static string[] Of(string projectFile) => XDocument.Load(projectFile).Descendants("ProjectReference")
        .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).Order().ToArray();

    /// <summary>The references of <paramref name="project"/> outside <paramref name="allowed"/>, as "A references B" lines.</summary>
    public static List<string> Violations(string project, IEnumerable<string> references, IEnumerable<string> allowed) =>
        references.Except(allowed).Select(r => $"{project} references {r}").ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Campaigns.sln"))) return dir.FullName;
        throw new InvalidOperationException("Campaigns.sln is not above " + AppContext.BaseDirectory);
    }
}
