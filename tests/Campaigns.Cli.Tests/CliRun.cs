namespace Campaigns.Cli.Tests;

/// <summary>
/// Runs the CLI in-process with its output captured, as a shell would see it. Console is process-wide, so every test
/// class that uses it is in the "console" collection (never in parallel).
/// </summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await CliApp.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
