namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public class CommandLineTests
{
    private static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Theory]
    [InlineData("--customers", "seed")]
    [InlineData("--scopes", "apikey", "create")]
    [InlineData("--row-id", "import")]
    [InlineData("--arm-column", "stats", "analyze")]
    [InlineData("--winsorize", "stats", "experiment")]
    [InlineData("--learner", "uplift", "train")]
    [InlineData("--temperature", "copy", "suggest")]
    public async Task Every_command_describes_its_options_with_help(string option, params string[] command)
    {
        var (code, output, _) = await RunAsync([.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains(option, output);
        Assert.Contains("--database", output);
    }

    [Fact]
    public async Task An_unknown_option_is_named_with_the_way_to_help_and_exit_code_two()
    {
        var (code, _, error) = await RunAsync("seed", "--customer", "10");
        Assert.Equal(2, code);
        Assert.Contains("'--customer'", error);
        Assert.Contains("seed --help", error);
    }

    [Fact]
    public async Task An_unknown_command_is_named_with_exit_code_two()
    {
        var (code, _, error) = await RunAsync("bench", "uplift");
        Assert.Equal(2, code);
        Assert.Contains("'bench'", error);
    }
}
