using System.Globalization;
using System.Text;

namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public class UpliftCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("uplift-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    /// <summary>Customers whose e-mail effect on buying is strongly positive for young mobile users and negative for the rest.</summary>
    private static string Experiment(int rows, int seed, string[]? arms = null)
    {
        arms ??= ["none", "email"];
        var random = new Random(seed);
        var csv = new StringBuilder("customer,group,age,device,notes,bought\n");
        for (var i = 0; i < rows; i++)
        {
            var age = random.Next(18, 70);
            var mobile = random.NextDouble() < 0.5;
            var arm = random.Next(arms.Length);
            var effect = arm == 0 ? 0 : (age < 40 && mobile ? 0.3 : -0.1);
            var bought = random.NextDouble() < 0.2 + effect ? 1 : 0;
            var ageText = i % 50 == 0 ? "" : age.ToString(CultureInfo.InvariantCulture);
            csv.Append($"c{i},{arms[arm]},{ageText},{(mobile ? "mobile" : "desktop")},\"n, {i % 3}\",{bought}\n");
        }
        return csv.ToString();
    }

    private string[] Train(string data, string model, params string[] extra) =>
        ["uplift", "train", "--data", data, "--id", "customer", "--treatment", "group", "--control", "none", "--outcome", "bought", "--model", model, .. extra];

    [Fact]
    public async Task Train_score_and_evaluate_run_end_to_end()
    {
        var data = File("train.csv", Experiment(3000, 1));
        var model = Path.Combine(_folder, "model.zip");
        var (code, output, error) = await RunAsync(Train(data, model, "--learner", "t", "--exclude", "notes"));
        Assert.True(code == 0, error);
        Assert.Contains("numeric features: age", output);
        Assert.Contains("categorical features: device", output);
        Assert.Contains("T *", output);
        Assert.Contains("3-fold cross-validation on 3,000 rows", output);
        Assert.Matches(@"T \*\s+0\.\d{4} ± 0\.\d{4}", output);
        Assert.Contains("Chosen: T", output);

        var scoring = File("new.csv", Experiment(500, 2));
        var scores = Path.Combine(_folder, "scores.csv");
        (code, _, error) = await RunAsync("uplift", "score", "--model", model, "--data", scoring, "--out", scores);
        Assert.True(code == 0, error);
        var lines = await System.IO.File.ReadAllLinesAsync(scores);
        Assert.Equal("customer_id,uplift", lines[0]);
        Assert.Equal(501, lines.Length);
        Assert.StartsWith("c0,", lines[1]);
        var young = Experiment(500, 2).Split('\n').Skip(1).Take(500).Select(l => l.Split(',')).ToList();
        var uplift = lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        var targeted = uplift.Select((u, i) => (u, row: young[i])).Where(p => p.row[2].Length > 0).ToList();
        Assert.True(targeted.Where(p => int.Parse(p.row[2]) < 40 && p.row[3] == "mobile").Average(p => p.u) >
                    targeted.Where(p => !(int.Parse(p.row[2]) < 40 && p.row[3] == "mobile")).Average(p => p.u) + 0.15);

        (code, output, error) = await RunAsync("uplift", "evaluate", "--model", model, "--data", scoring);
        Assert.True(code == 0, error);
        Assert.Matches(@"email vs none: Qini coefficient 0\.\d{4}, AUUC -?0\.\d{4}, uplift@10% 0\.\d{4}, uplift@20% 0\.\d{4}, uplift@30% 0\.\d{4}", output);
    }

    [Fact]
    public async Task Several_treatment_arms_get_one_score_column_each()
    {
        var data = File("train.csv", Experiment(3000, 3, ["none", "email", "sms"]));
        var model = Path.Combine(_folder, "model.zip");
        var (code, output, error) = await RunAsync(Train(data, model, "--learner", "s"));
        Assert.True(code == 0, error);
        Assert.Contains("arms none (control), email, sms", output);

        var scores = Path.Combine(_folder, "scores.csv");
        (code, _, error) = await RunAsync("uplift", "score", "--model", model, "--data", data, "--out", scores);
        Assert.True(code == 0, error);
        Assert.Equal("customer_id,uplift_email,uplift_sms", (await System.IO.File.ReadAllLinesAsync(scores))[0]);
    }

    [Theory]
    [InlineData("", "is empty.")]
    [InlineData("customer,group,age,bought\n", "has no data rows.")]
    [InlineData("customer,age,bought\nc1,30,1\n", "Column 'group' is not in the header")]
    [InlineData("customer,group,age,bought\nc1,none,30,1\nc2,none,31,0\n", "Only one arm ('none') is in column 'group'; uplift needs a control and at least one treatment.")]
    [InlineData("customer,group,age,bought\nc1,A,30,1\nc2,B,31,0\n", "No row has 'none' in column 'group' (values: A, B).")]
    [InlineData("customer,group,age,bought\nc1,none,30,1\nc2,email,31,yes\n", "Line 3, column 'bought': 'yes' is not a number.")]
    [InlineData("customer,group,age,bought\nc1,none,30,1\nc2,email,31\n", "Row at line 3 has 3 fields; the header has 4.")]
    [InlineData("customer,group,age,bought\nc1,none,30,1\nc2,email,31,0\n", "Arm 'none' has 1 rows; uplift needs at least 20 per arm.")]
    public async Task Bad_training_data_gives_one_line_naming_the_problem_and_a_non_zero_exit(string csv, string message)
    {
        var (code, _, error) = await RunAsync(Train(File("bad.csv", csv), Path.Combine(_folder, "m.zip")));
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Scoring_with_a_corrupt_model_or_unparsable_rows_fails_with_one_line()
    {
        var broken = File("broken.zip", "not a zip");
        var data = File("data.csv", Experiment(100, 4));
        var (code, _, error) = await RunAsync("uplift", "score", "--model", broken, "--data", data, "--out", Path.Combine(_folder, "s.csv"));
        Assert.NotEqual(0, code);
        Assert.StartsWith("Not an uplift model: the file is not a zip archive", error);

        var model = Path.Combine(_folder, "model.zip");
        Assert.Equal(0, (await RunAsync(Train(File("train.csv", Experiment(1000, 5)), model, "--learner", "t"))).Code);
        var bad = File("bad.csv", "customer,group,age,device,notes,bought\nc1,none,thirty,mobile,x,1\n");
        (code, _, error) = await RunAsync("uplift", "score", "--model", model, "--data", bad, "--out", Path.Combine(_folder, "s.csv"));
        Assert.NotEqual(0, code);
        Assert.Equal("Line 2, column 'age': 'thirty' is not a number.", error.Trim());

        var noDevice = File("nodevice.csv", "customer,age\nc1,30\n");
        (code, _, error) = await RunAsync("uplift", "evaluate", "--model", model, "--data", noDevice);
        Assert.NotEqual(0, code);
        Assert.Contains("Column 'group' is not in the header", error);
    }
}
