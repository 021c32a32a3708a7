using System.Text.RegularExpressions;
using Campaigns.EndToEnd.Tests.Infrastructure;

namespace Campaigns.EndToEnd.Tests.Shipped;

/// <summary>
/// A clean copy of the repository, and the app started in it by the README's run command
/// (<c>dotnet run --project src/Campaigns.Web</c>) as a process of its own, shared by a test class.
/// </summary>
public sealed class ShippedCopy : IAsyncLifetime
{
    public const string RunCommand = "run --project src/Campaigns.Web";

    /// <summary>
    /// The only settings the tests add to the README's command: a free port, and no first training (three model
    /// trainings on 2 cores would slow every page the walk opens; training has tests of its own).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Training__TrainOnFirstStart"] = "false",
    };

    /// <summary>Building the copy, migrating and seeding 50,000 customers.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    public CleanCopy Copy { get; } = new();
    public AppProcess App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppProcess.StartAsync(Copy.Root, "dotnet", RunCommand, Settings, StartTimeout);

    /// <summary>The sign-ins the app printed at its first start: role, email, password.</summary>
    public static IReadOnlyList<(string Role, string Email, string Password)> PrintedSignIns(AppProcess app) =>
        app.Output.Select(line => Regex.Match(line, @"^\s+(Admin|Manager|Marketer)\s+(\S+@\S+)\s+(\S+)\s*$"))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value))
            .ToList();

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        Copy.Dispose();
    }
}
