using System.Diagnostics;

namespace Campaigns.EndToEnd.Tests.Shipped;

/// <summary>
/// The repository as a fresh clone has it: its tracked and new (not ignored) files copied to a temporary folder,
/// without the build output, databases or anything else this checkout has made. What a new user runs.
/// </summary>
public sealed class CleanCopy : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"campaigns-clean-{Guid.NewGuid():N}");

    public CleanCopy()
    {
        var repository = FindRepositoryRoot();
        var files = Git(repository, "ls-files -z --cached --others --exclude-standard").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files)
        {
            var source = Path.Combine(repository, file);
            if (!File.Exists(source)) continue; // deleted in the working tree, not yet committed
            var target = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Campaigns.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Campaigns.sln above {AppContext.BaseDirectory}.");
    }

    private static string Git(string directory, string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true })!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git {arguments} failed with {git.ExitCode}.");
        return output;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
