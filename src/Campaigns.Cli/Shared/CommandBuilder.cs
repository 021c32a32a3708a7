using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Campaigns.Domain;
using Campaigns.Imports;

namespace Campaigns.Cli;

/// <summary>
/// How `campaigns` and `campaigns-bench` declare their commands: every command takes --provider and --database, has
/// --help, and answers a usage mistake (an unknown option, a missing value, a bad value) with one line and exit code 2.
/// </summary>
internal static class CommandBuilder
{
    public static RootCommand Root(string description, params Command[] commands)
    {
        var root = new RootCommand(description)
        {
            new Option<string>("--provider") { Description = "Sqlite, SqlServer or Postgres (default: Database:Provider in appsettings.json)", Recursive = true },
            new Option<string>("--database") { Description = "the connection string (default: Database:ConnectionString in appsettings.json)", HelpName = "CONNECTION", Recursive = true },
        };
        foreach (var command in commands) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>An option that takes one value, read as text by the command so its checks keep their messages.</summary>
    public static Option<string> Text(string name, string description, string? helpName = null, string? alias = null) =>
        new(name, alias is null ? [] : [alias]) { Description = description, HelpName = helpName };

    /// <summary>An option that may be given several times (`--metric a --metric b`).</summary>
    public static Option<string[]> Many(string name, string description, string? helpName = null) => new(name) { Description = description, HelpName = helpName };

    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    public static Command Runs(this Command command, Func<CommandOptions, Task<int>> run)
    {
        command.SetAction(async (parsed, _) =>
        {
            try
            {
                return await run(new CommandOptions(parsed));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidDataException or HttpRequestException or DomainException or ImportException)
            {
                return Fail(ex.Message);
            }
        });
        return command;
    }

    public static Command Runs(this Command command, Func<CommandOptions, int> run) => command.Runs(options => Task.FromResult(run(options)));

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Action is not ParseErrorAction) return await parsed.InvokeAsync();
        var path = string.Join(' ', Chain(parsed.CommandResult).Reverse());
        return Fail(string.Join(Environment.NewLine, parsed.Errors.Select(e => e.Message).Append($"See '{path} --help'.")));
    }

    private static IEnumerable<string> Chain(SymbolResult? result)
    {
        for (; result is not null; result = result.Parent)
            if (result is CommandResult command) yield return command.Command.Name;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
