using System.Globalization;
using Campaigns.Ml.Uplift;

namespace Campaigns.Cli;

/// <summary>How uplift scores are printed, the same by `campaigns uplift train` and the benchmarks that compare learners.</summary>
internal static class UpliftReport
{
    public static void PrintCandidates(UpliftTrainingResult result)
    {
        Console.WriteLine($"Validation ({result.CandidateTrainingRows:N0} training rows, {result.ValidationRows:N0} validation rows" +
                          $"{(result.CandidateTrainingRows + result.ValidationRows < result.TrainingRows ? $", a stratified sample of the {result.TrainingRows:N0}" : "")}):");
        Console.WriteLine($"  {"learner",-44} {"Qini",8} {"AUUC",8} {"uplift@30",10} {"time",8}");
        foreach (var c in result.Candidates)
            Console.WriteLine($"  {c.Learner + (c.Learner == result.Chosen ? " *" : ""),-44} {F(c.QiniCoefficient),8} {F(c.Auuc),8} {F(c.UpliftAt30),10} {c.TrainingTime.TotalSeconds,7:0.0}s");
        Console.WriteLine($"Chosen: {result.Chosen}");
    }

    public static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
