using System.Diagnostics;

namespace Campaigns.Ml.Uplift;

public static class UpliftTrainer
{
    /// <summary>
    /// Rows the candidates' fits take in all, summed over the folds: the comparison draws a stratified sample of at most
    /// this / (folds − 1) rows (100,000 at 3 folds), so comparing costs about one fit on this many rows per candidate
    /// whatever the fold count; the winner is refitted on all rows.
    /// </summary>
    public const int ComparisonRowCap = 200_000;

    private static readonly UpliftLearner[] AutoCandidates = [UpliftLearner.S, UpliftLearner.T, UpliftLearner.X, UpliftLearner.DR, UpliftLearner.Neural];

    /// <summary>
    /// Scores each candidate learner (all of them for Auto) by K-fold cross-validation (options.Folds, stratified by
    /// arm x outcome) on the validation Qini coefficient, keeps the best mean (<see cref="Choose"/>), and refits it on all rows.
    /// progress: (stage text, fraction 0..1). Throws OperationCanceledException on cancel; ArgumentException with a
    /// one-line message on bad data (one arm only, no rows, constant outcome...).
    /// </summary>
    public static UpliftTrainingResult Train(UpliftDataset data, UpliftTrainingOptions options,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        var learners = options.Learner == UpliftLearner.Auto ? AutoCandidates : [options.Learner];
        return Compare(TrainingSet.Create(data, options), learners.Select(l => new Candidate(l.ToString(), l, null)).ToList(), progress, cancellationToken);
    }

    /// <summary>
    /// The candidate with the highest mean cross-validated Qini coefficient (the first on a tie). Its standard error is
    /// reported beside it, not used to trade accuracy for anything else: docs/decisions/0046.
    /// </summary>
    public static int Choose(IReadOnlyList<CandidateScore> scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Count; c++)
            if (scores[c].QiniCoefficient > scores[best].QiniCoefficient) best = c;
        return best;
    }

    internal sealed record Candidate(string Name, UpliftLearner Learner, BoosterSettings? Outcome);

    internal static UpliftTrainingResult Compare(TrainingSet set, IReadOnlyList<Candidate> candidates,
        IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        var k = set.Options.Folds;
        var folds = set.Folds(k, ComparisonRowCap / (k - 1), set.Options.Seed);
        var compared = folds.SelectMany(f => f).ToArray();
        var scores = new List<CandidateScore>();
        var outOfFold = new List<UpliftPredictions>();
        var steps = candidates.Count * k + 1;
        for (var c = 0; c < candidates.Count; c++)
        {
            var (qini, auuc, upliftAt30) = (new double[k], new double[k], new double[k]);
            var fitting = TimeSpan.Zero;
            var (control, effects) = (new float[compared.Length], Enumerable.Range(1, set.Arms - 1).Select(_ => new float[compared.Length]).ToArray());
            var offset = 0;
            for (var f = 0; f < k; f++)
            {
                var valid = folds[f];
                var train = folds.Where((_, g) => g != f).SelectMany(g => g).Order().ToArray();
                progress?.Report(($"{candidates[c].Name}: fold {f + 1} of {k}, training on {train.Length:N0} rows", (double)(c * k + f) / steps));
                var clock = Stopwatch.StartNew();
                var model = UpliftLearners.Fit(set, candidates[c].Learner, train, candidates[c].Outcome, ct);
                fitting += clock.Elapsed;
                ct.ThrowIfCancellationRequested();
                var predictions = model.PredictEncoded(Features(set, model), valid);
                var perArm = Enumerable.Range(1, set.Arms - 1).Select(a => predictions.Evaluate(set.Data, valid, a)).ToList();
                (qini[f], auuc[f], upliftAt30[f]) = (perArm.Average(e => e.QiniCoefficient), perArm.Average(e => e.Auuc), perArm.Average(e => e.UpliftAtK[30]));
                predictions.CopyTo(control, effects, offset);
                offset += valid.Length;
            }
            scores.Add(new CandidateScore(candidates[c].Name, qini.Average(), auuc.Average(), upliftAt30.Average(), fitting, StandardError(qini), k));
            outOfFold.Add(new UpliftPredictions(control, effects));
        }
        var best = Choose(scores);
        var winner = candidates[best];
        progress?.Report(($"{winner.Name}: refitting on all {set.Data.Count:N0} rows", (double)(steps - 1) / steps));
        var final = UpliftLearners.Fit(set, winner.Learner, Enumerable.Range(0, set.Data.Count).ToArray(), winner.Outcome, ct);
        progress?.Report(("Done", 1));
        // Every compared row scored by the fold model that did not see it.
        var validation = set.Arms == 2 ? outOfFold[best].Evaluate(set.Data, compared, 1) : outOfFold[best].EvaluatePooled(set.Data, compared);
        return new UpliftTrainingResult(final, scores, winner.Name, validation, set.Data.Count, compared.Length)
        {
            CandidateTrainingRows = compared.Length - compared.Length / k,
        };
    }

    /// <summary>Standard error of the mean of the folds' scores (sample standard deviation / √K).</summary>
    private static double StandardError(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
    }

    private static float[] Features(TrainingSet set, UpliftModel model) => model.Kind == UpliftLearner.Neural ? set.Standardized : set.X;
}
