namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public class StatsAnalyzeTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(string csv, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stats-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv);
        try
        {
            return await CliRun.RunAsync(["stats", "analyze", "--data", path, .. args]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Experiment()
    {
        var rows = new List<string> { "arm,converted,spend" };
        for (var i = 0; i < 2000; i++) rows.Add($"control,{(i % 10 == 0 ? 1 : 0)},{(i % 10 == 0 ? 40 : 0)}");
        for (var i = 0; i < 2000; i++) rows.Add($"offer,{(i % 5 == 0 ? 1 : 0)},{(i % 5 == 0 ? 35 : 0)}");
        return string.Join("\n", rows);
    }

    [Fact]
    public async Task Prints_each_arms_means_and_a_verdict_per_metric()
    {
        var (code, output, _) = await RunAsync(Experiment(), "--arm-column", "arm", "--control", "control", "--metric", "converted", "--metric", "spend");
        Assert.Equal(0, code);
        Assert.Contains("control (control): 2,000  converted 0.1  spend 4", output);
        Assert.Contains("offer raises converted by 10.00 pp", output);
        Assert.Contains("offer raises spend by", output);
    }

    [Fact]
    public async Task Json_output_carries_the_report()
    {
        var (code, output, _) = await RunAsync(Experiment(), "--arm-column", "arm", "--control", "control", "--metric", "converted", "--json");
        Assert.Equal(0, code);
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal("Proportion", json.GetProperty("report").GetProperty("comparisons")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("arm,converted\ncontrol,1\noffer,x\n", "Line 3, column 'converted': 'x' is not a number.")]
    [InlineData("arm,converted\ncontrol,1\ncontrol,0\n", "Only one arm ('control')")]
    [InlineData("arm,other\ncontrol,1\noffer,0\n", "Column 'converted' is not in the header")]
    [InlineData("arm,converted\nA,1\nB,0\n", "No row has 'control' in column 'arm' (values: A, B).")]
    public async Task Bad_input_gives_one_line_naming_the_problem_and_a_non_zero_exit(string csv, string message)
    {
        var (code, _, error) = await RunAsync(csv, "--arm-column", "arm", "--control", "control", "--metric", "converted");
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
