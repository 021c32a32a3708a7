using System.Diagnostics;
using Campaigns.Analytics.Offers;
using Campaigns.Ml.Uplift;
using Microsoft.ML;

namespace Campaigns.Ml.Offers;

public static class OfferTrainer
{
    /// <summary>Candidates are cross-validated on a stratified sample of at most this many rows; the winner is refitted on all rows.</summary>
    public const int ComparisonRowCap = 120_000;

    private static readonly UpliftLearner[] AutoCandidates = [UpliftLearner.S, UpliftLearner.T, UpliftLearner.X, UpliftLearner.DR, UpliftLearner.Neural];

    /// <summary>
    /// Fits the conversion model (each candidate learner for Auto) and the basket model on K-1 folds of a capped
    /// stratified sample and values each candidate's plan (each row gets the arm, or with <see cref="OfferTrainingOptions.Choices"/>
    /// the offer among its experiment's, of highest expected incremental profit, or none) on the held-out fold by doubly
    /// robust scoring. Chooses by the one-standard-error rule: the simplest
    /// candidate whose mean over folds is within one standard error of the best mean. Refits the
    /// chosen learner and the basket model on all rows. ArgumentException with a one-line message on bad data.
    /// </summary>
    /// <param name="data">Randomized rows; outcome = bought 0/1; arm 0 = no offer.</param>
    /// <param name="baskets">Gross basket of each row's purchase, 0 when none.</param>
    public static OfferTrainingResult Train(UpliftDataset data, IReadOnlyList<float> baskets, OfferTrainingOptions options,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken ct = default)
    {
        if (options.Folds < 2) throw new ArgumentException($"Folds must be at least 2, not {options.Folds}.");
        if (baskets.Count != data.Count) throw new ArgumentException($"There are {baskets.Count:N0} baskets for {data.Count:N0} rows; give one per row (0 when none).");
        var set = TrainingSet.Create(data, new UpliftTrainingOptions { Learner = options.Learner, BinaryOutcome = true, Seed = options.Seed, Threads = options.Threads });
        var basket = new float[data.Count];
        var buyers = 0;
        for (var row = 0; row < data.Count; row++)
        {
            var b = baskets[row];
            if (!float.IsFinite(b) || b < 0) throw new ArgumentException($"Row '{data.IdAt(row)}' has the basket {b}; a basket is an amount of 0 or more.");
            if (set.Y[row] == 1 && b <= 0) throw new ArgumentException($"Row '{data.IdAt(row)}' bought but its basket is 0; give the gross basket of each purchase.");
            if (set.Y[row] == 1) buyers++;
            basket[row] = b;
        }
        if (buyers < TrainingSet.MinRowsPerArm)
            throw new ArgumentException($"Only {buyers} rows bought; the basket model needs at least {TrainingSet.MinRowsPerArm}.");
        var choices = options.Choices;
        if (choices is not null && (choices.Rows != data.Count || set.Arms != 2))
            throw new ArgumentException($"Choices describe {choices.Rows:N0} rows of two arms; the data has {data.Count:N0} rows of {set.Arms} arms.");
        var alternativeX = choices is null ? null : set.Encoding.Encode(choices.Alternatives, standardize: false);
        var alternativeStandardized = new Lazy<float[]>(() => set.Encoding.Encode(choices!.Alternatives, standardize: true));

        var learners = options.Learner == UpliftLearner.Auto ? AutoCandidates : [options.Learner];
        var folds = Folds(set, options.Folds, options.Seed);
        var sample = folds.SelectMany(f => f).Order().ToArray();
        var position = new Dictionary<int, int>(sample.Length);
        for (var i = 0; i < sample.Length; i++) position[sample[i]] = i;
        var arms = set.Arms;
        // Out-of-fold predictions of every candidate, sample rows × arms.
        var probability = learners.Select(_ => new float[sample.Length * arms]).ToArray();
        var oofBasket = new float[sample.Length * arms];
        var foldValues = learners.Select(_ => new double[folds.Length]).ToArray();
        var times = new TimeSpan[learners.Length];
        var shares = LoggedOffers.Shares(set.Arm, arms);
        var steps = folds.Length * (learners.Length + 1) + 1;
        for (var f = 0; f < folds.Length; f++)
        {
            var valid = folds[f];
            var train = folds.Where((_, g) => g != f).SelectMany(g => g).Order().ToArray();
            progress?.Report(($"Fold {f + 1}/{folds.Length}: basket model", (double)f * (learners.Length + 1) / steps));
            var basketModel = FitBasket(set, basket, train);
            var compiledBasket = CompiledTrees.TryCompile(basketModel);
            var validBaskets = OfferModel.Baskets(basketModel, compiledBasket, set.X, set.Width, arms, valid);
            for (var i = 0; i < valid.Length; i++) validBaskets.AsSpan(i * arms, arms).CopyTo(oofBasket.AsSpan(position[valid[i]] * arms, arms));
            var (alternativeRows, alternativeStart) = AlternativesOf(choices, valid);
            var alternativeBaskets = alternativeX is null ? null : OfferModel.Baskets(basketModel, compiledBasket, alternativeX, set.Width, arms, alternativeRows);
            for (var c = 0; c < learners.Length; c++)
            {
                progress?.Report(($"Fold {f + 1}/{folds.Length}: {learners[c]} on {train.Length:N0} rows", (double)(f * (learners.Length + 1) + c + 1) / steps));
                var clock = Stopwatch.StartNew();
                var model = UpliftLearners.Fit(set, learners[c], train, null, ct);
                times[c] += clock.Elapsed;
                ct.ThrowIfCancellationRequested();
                var predictions = OfferModel.Combine(model.PredictEncoded(Features(set, model), valid), validBaskets);
                for (var i = 0; i < valid.Length; i++)
                    for (var k = 0; k < arms; k++) probability[c][position[valid[i]] * arms + k] = predictions.Probability(i, k);
                var alternatives = alternativeX is null ? null : OfferModel.Combine(
                    model.PredictEncoded(model.Kind == UpliftLearner.Neural ? alternativeStandardized.Value : alternativeX, alternativeRows), alternativeBaskets!);
                foldValues[c][f] = PlanOverNothing(valid, set.Arm, set.Y, basket, predictions, options, shares, (alternatives, alternativeRows, alternativeStart));
            }
        }
        var scores = learners.Select((l, c) => new OfferCandidateScore(l.ToString(), foldValues[c].Average(), StandardError(foldValues[c]), foldValues[c], times[c])).ToList();
        var best = Choose(scores);

        progress?.Report(($"{learners[best]}: refitting on all {data.Count:N0} rows", (double)(steps - 1) / steps));
        var all = Enumerable.Range(0, data.Count).ToArray();
        var conversion = UpliftLearners.Fit(set, learners[best], all, null, ct);
        var finalBasket = FitBasket(set, basket, all);
        var offerModel = new OfferModel(conversion, finalBasket, new MLContext(options.Seed), Medians(data));
        var chosen = new OfferPredictions(arms, probability[best], oofBasket);
        var evaluation = OfferEvaluator.Evaluate(set.Arm, set.Y, basket, sample, chosen, options.PurchaseValue, shares);
        progress?.Report(("Done", 1));
        return new OfferTrainingResult(offerModel, scores, learners[best].ToString(), evaluation, data.Count, sample.Length);
    }

    /// <summary>The alternatives of the given rows, in order, and where each row's start among them (rows + 1 offsets).</summary>
    private static (int[] Rows, int[] Start) AlternativesOf(OfferChoices? choices, int[] rows)
    {
        var start = new int[rows.Length + 1];
        if (choices is null) return ([], start);
        var alternatives = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            var (offset, count) = choices.Of(rows[i]).GetOffsetAndLength(choices.Alternatives.Count);
            for (var j = 0; j < count; j++) alternatives.Add(offset + j);
            start[i + 1] = alternatives.Count;
        }
        return (alternatives.ToArray(), start);
    }

    /// <summary>
    /// Doubly robust value per row of the plan over sending nothing (Dudík, Langford &amp; Li 2011), the paired difference
    /// of <see cref="PolicyValue"/>'s scores: the plan gives each row the action of highest expected incremental profit,
    /// priced as the plan prices it, among its alternatives (or its arms 1..K-1 when it has none) or nothing;
    /// μ(none) is the row's own prediction without an offer.
    /// </summary>
    /// <param name="own">Predictions for the rows' own features, one per held-out row.</param>
    /// <param name="offers">Predictions for the held-out rows' alternatives, those alternatives' rows and each held-out row's first (rows + 1 offsets).</param>
    internal static double PlanOverNothing(int[] valid, int[] arm, float[] bought, float[] basket, OfferPredictions own, OfferTrainingOptions options,
        IReadOnlyList<double> shares, (OfferPredictions? Predictions, int[] Rows, int[] Start) offers)
    {
        var (choices, alternatives) = (options.Choices, offers.Predictions);
        var total = 0.0;
        for (var i = 0; i < valid.Length; i++)
        {
            var row = valid[i];
            double Value(int _, int k, double b) => options.PurchaseValue(row, k, b);
            var first = offers.Start[i];
            var offered = offers.Start[i + 1] - first;
            // Action j ≥ 1: the row's j-th alternative, or its arm j without alternatives.
            double Mu(int j) => offered == 0 ? own.ExpectedValue(i, j, Value)
                : alternatives!.Probability(first + j - 1, 1) * choices!.PurchaseValue(offers.Rows[first + j - 1], alternatives.Basket(first + j - 1, 1));
            double Profit(int j) => offered == 0 ? own.IncrementalProfit(i, j, Value)
                : Mu(j) - alternatives!.ExpectedValue(first + j - 1, 0, Value);
            var (best, profit) = (0, 0.0);
            for (var j = 1; j <= (offered == 0 ? own.Arms - 1 : offered); j++)
                if (Profit(j) is var p && p > profit) (best, profit) = (j, p);
            var logged = offered == 0 ? arm[row] : choices!.Logged(row) + 1;
            var propensity = choices?.Propensity[row] ?? shares[arm[row]];
            var reward = bought[row] == 1 ? options.PurchaseValue(row, arm[row], basket[row]) : 0;
            var mu0 = own.ExpectedValue(i, 0, Value);
            var muLogged = logged == 0 ? mu0 : Mu(logged);
            total += (best == 0 ? 0 : Mu(best) - mu0) + ((logged == best ? 1 : 0) - (logged == 0 ? 1 : 0)) / propensity * (reward - muLogged);
        }
        return total / valid.Length;
    }

    /// <summary>
    /// The simplest candidate (they are listed simplest first) within one standard error of the best mean. Not the one
    /// that varies least across folds: a plan that sends almost nothing varies least, so that rule chose timid models.
    /// </summary>
    internal static int Choose(IReadOnlyList<OfferCandidateScore> scores)
    {
        var best = Enumerable.Range(0, scores.Count).MaxBy(c => scores[c].ProfitPerCustomer);
        var floor = scores[best].ProfitPerCustomer - scores[best].StandardError;
        return Enumerable.Range(0, scores.Count).First(c => scores[c].ProfitPerCustomer >= floor);
    }

    private static double StandardError(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
    }

    /// <summary>Folds of a stratified (arm × bought) random sample of at most <see cref="ComparisonRowCap"/> rows.</summary>
    private static int[][] Folds(TrainingSet set, int count, int seed)
    {
        var random = new Random(seed);
        var keep = Math.Min(1.0, (double)ComparisonRowCap / set.Data.Count);
        var folds = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var strata = Enumerable.Range(0, set.Arms * 2).Select(_ => new List<int>()).ToArray();
        for (var row = 0; row < set.Data.Count; row++) strata[set.Arm[row] * 2 + (int)set.Y[row]].Add(row);
        var next = 0;
        foreach (var stratum in strata)
        {
            var rows = stratum.ToArray();
            random.Shuffle(rows);
            foreach (var row in rows.AsSpan(0, (int)Math.Round(rows.Length * keep))) folds[next++ % count].Add(row);
        }
        return folds.Select(f => f.Order().ToArray()).ToArray();
    }

    private static ITransformer FitBasket(TrainingSet set, float[] basket, int[] rows)
    {
        var buyers = rows.Where(r => set.Y[r] == 1).ToArray();
        var view = new MatrixDataView(set.X, set.Width, buyers, 0, buyers.Length, basket, armSlots: set.Arms, armOfRow: set.Arm);
        return Boosting.Fit(view, BoosterSettings.Outcome(buyers.Length), classifier: false, set.Options.Seed);
    }

    private static float[] Features(TrainingSet set, UpliftModel model) => model.Kind == UpliftLearner.Neural ? set.Standardized : set.X;

    /// <summary>Median of each numeric feature over its non-missing values (the reference <see cref="OfferModel.Explain"/> compares to).</summary>
    private static float[] Medians(UpliftDataset data) => Enumerable.Range(0, data.NumericFeatures.Count).Select(j =>
    {
        var values = data.NumericColumn(j).ToArray().Where(v => !float.IsNaN(v)).ToArray();
        if (values.Length == 0) return float.NaN;
        Array.Sort(values);
        return values[values.Length / 2];
    }).ToArray();
}
