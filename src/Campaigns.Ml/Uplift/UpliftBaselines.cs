namespace Campaigns.Ml.Uplift;

/// <summary>Reference learners that benchmarks compare the trainer's choice against.</summary>
public static class UpliftBaselines
{
    /// <summary>
    /// T-learner whose outcome models' trees, leaves and minimum rows per leaf are chosen from a small grid by validation Qini
    /// (learning rate 0.05), then refitted on all rows.
    /// </summary>
    public static UpliftTrainingResult TunedTLearner(UpliftDataset data, UpliftTrainingOptions options,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        var grid = from trees in new[] { 100, 300 }
                   from leaves in new[] { 7, 31 }
                   from minRows in new[] { 20, 200 }
                   let settings = new BoosterSettings(trees, leaves, 0.05, minRows)
                   select new UpliftTrainer.Candidate($"T ({settings})", UpliftLearner.T, settings);
        return UpliftTrainer.Compare(TrainingSet.Create(data, options), grid.ToList(), progress, cancellationToken);
    }
}
