using System.Globalization;
using Campaigns.Ml.Uplift;

namespace Campaigns.Cli;

/// <summary>How uplift scores are printed, the same by `campaigns uplift train` and the benchmarks that compare learners.</summary>
internal static class UpliftReport
{
    public static void PrintCandidates(UpliftTrainingResult result)
    {
        var folds = result.Candidates[0].Folds;
        Console.WriteLine($"{folds}-fold cross-validation on {result.ValidationRows:N0} rows" +
                          $"{(result.ValidationRows < result.TrainingRows ? $" (a stratified sample of the {result.TrainingRows:N0})" : "")}, " +
                          $"each fold's model trained on up to {result.CandidateTrainingRows:N0}; means over the folds, Qini ± its standard error:");
        Console.WriteLine($"  {"learner",-44} {"Qini",17} {"AUUC",8} {"uplift@30",10} {"time",8}");
        foreach (var c in result.Candidates)
            Console.WriteLine($"  {c.Learner + (c.Learner == result.Chosen ? " *" : ""),-44} {F(c.QiniCoefficient) + " ± " + F(c.QiniStandardError),17} " +
                              $"{F(c.Auuc),8} {F(c.UpliftAt30),10} {c.TrainingTime.TotalSeconds,7:0.0}s");
        Console.WriteLine($"Chosen: {result.Chosen} (the best mean Qini)");
    }

    public static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
