using System.Diagnostics;

namespace Campaigns.Ml.Uplift;

public static class UpliftTrainer
{
    /// <summary>Candidates are compared on a stratified sample of at most this many rows; the winner is refitted on all rows.</summary>
    public const int ComparisonRowCap = 200_000;

    private static readonly UpliftLearner[] AutoCandidates = [UpliftLearner.S, UpliftLearner.T, UpliftLearner.X, UpliftLearner.DR, UpliftLearner.Neural];

    /// <summary>
    /// Fits each candidate learner (all of them for Auto) on a stratified training split, scores it on the validation split
    /// by the Qini coefficient, and refits the best on all rows.
    /// progress: (stage text, fraction 0..1). Throws OperationCanceledException on cancel; ArgumentException with a
    /// one-line message on bad data (one arm only, no rows, constant outcome...).
    /// </summary>
    public static UpliftTrainingResult Train(UpliftDataset data, UpliftTrainingOptions options,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        var learners = options.Learner == UpliftLearner.Auto ? AutoCandidates : [options.Learner];
        return Compare(TrainingSet.Create(data, options), learners.Select(l => new Candidate(l.ToString(), l, null)).ToList(), progress, cancellationToken);
    }

    internal sealed record Candidate(string Name, UpliftLearner Learner, BoosterSettings? Outcome);

    internal static UpliftTrainingResult Compare(TrainingSet set, IReadOnlyList<Candidate> candidates,
        IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        var (train, valid) = set.Split(set.Options.ValidationShare, ComparisonRowCap, set.Options.Seed);
        var scores = new List<CandidateScore>();
        UpliftPredictions? bestPredictions = null;
        var best = -1;
        for (var c = 0; c < candidates.Count; c++)
        {
            progress?.Report(($"{candidates[c].Name}: training on {train.Length:N0} rows", (double)c / (candidates.Count + 1)));
            var clock = Stopwatch.StartNew();
            var model = UpliftLearners.Fit(set, candidates[c].Learner, train, candidates[c].Outcome, ct);
            clock.Stop();
            ct.ThrowIfCancellationRequested();
            var predictions = model.PredictEncoded(Features(set, model), valid);
            var perArm = Enumerable.Range(1, set.Arms - 1).Select(k => predictions.Evaluate(set.Data, valid, k)).ToList();
            scores.Add(new CandidateScore(candidates[c].Name, perArm.Average(e => e.QiniCoefficient), perArm.Average(e => e.Auuc),
                perArm.Average(e => e.UpliftAtK[30]), clock.Elapsed));
            if (best < 0 || scores[^1].QiniCoefficient > scores[best].QiniCoefficient)
            {
                best = c;
                bestPredictions = predictions;
            }
        }
        var winner = candidates[best];
        progress?.Report(($"{winner.Name}: refitting on all {set.Data.Count:N0} rows", (double)candidates.Count / (candidates.Count + 1)));
        var final = UpliftLearners.Fit(set, winner.Learner, Enumerable.Range(0, set.Data.Count).ToArray(), winner.Outcome, ct);
        progress?.Report(("Done", 1));
        var validation = set.Arms == 2 ? bestPredictions!.Evaluate(set.Data, valid, 1) : bestPredictions!.EvaluatePooled(set.Data, valid);
        return new UpliftTrainingResult(final, scores, winner.Name, validation, set.Data.Count, valid.Length) { CandidateTrainingRows = train.Length };
    }

    private static float[] Features(TrainingSet set, UpliftModel model) => model.Kind == UpliftLearner.Neural ? set.Standardized : set.X;
}
