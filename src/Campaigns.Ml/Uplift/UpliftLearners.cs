using Campaigns.Ml.Uplift.Neural;
using Microsoft.ML;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// Meta-learners on LightGBM base models (Künzel et al. 2019 for S/T/X; Kennedy 2023 for DR) and TARNet (Shalit et al. 2017).
/// Arm 0 is the control; each treatment arm k gets its own effect against it. Independent base models are fitted side by side.
/// </summary>
internal static class UpliftLearners
{
    /// <param name="outcome">Settings of the outcome models; null = defaults scaled to the rows.</param>
    public static UpliftModel Fit(TrainingSet set, UpliftLearner learner, int[] rows, BoosterSettings? outcome, CancellationToken ct) => learner switch
    {
        UpliftLearner.S => FitS(set, rows, outcome, ct),
        UpliftLearner.T => FitT(set, rows, outcome, ct),
        UpliftLearner.X => FitX(set, rows, outcome, ct),
        UpliftLearner.DR => FitDr(set, rows, outcome, ct),
        UpliftLearner.Neural => FitNeural(set, rows, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(learner), $"{learner} is not a single learner."),
    };

    private static UpliftModel FitS(TrainingSet set, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var view = new MatrixDataView(set.X, set.Width, rows, 0, rows.Length, set.Y, set.Options.BinaryOutcome, armSlots: set.Arms, armOfRow: set.Arm);
        var model = Boosting.Fit(view, outcome ?? BoosterSettings.Outcome(rows.Length), set.Options.BinaryOutcome, set.Options.Seed);
        return Model(set, UpliftLearner.S, new() { ["s"] = model });
    }

    private static UpliftModel FitT(TrainingSet set, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        var models = Run(set, set.ByArm(rows).Select(armRows => Job(() => FitArm(set, armRows, outcome))).ToList(), ct);
        return Model(set, UpliftLearner.T, models.Select((m, k) => (m, k)).ToDictionary(p => $"arm{p.k}", p => p.m));
    }

    /// <summary>T-stage outcome models, effects imputed on each arm from the other arm's model, one effect regressor per side.</summary>
    private static UpliftModel FitX(TrainingSet set, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        var byArm = set.ByArm(rows);
        var outcomeModels = Run(set, byArm.Select(armRows => Job(() => FitArm(set, armRows, outcome))).ToList(), ct);
        var treatedShare = new double[set.Arms];
        var jobs = new List<Func<ITransformer>>();
        for (var k = 1; k < set.Arms; k++)
        {
            var (control, treated) = (byArm[0], byArm[k]);
            // Treated rows: observed minus the control model's counterfactual; control rows: the arm-k model minus observed.
            var labels = new float[set.Data.Count];
            var counterfactual = Score(set, outcomeModels[0], treated);
            for (var i = 0; i < treated.Length; i++) labels[treated[i]] = set.Y[treated[i]] - counterfactual[i];
            counterfactual = Score(set, outcomeModels[k], control);
            for (var i = 0; i < control.Length; i++) labels[control[i]] = counterfactual[i] - set.Y[control[i]];
            jobs.Add(() => FitEffect(set, control, labels));
            jobs.Add(() => FitEffect(set, treated, labels));
            treatedShare[k] = (double)treated.Length / (treated.Length + control.Length);
        }
        var effects = Run(set, jobs, ct);
        var parts = new Dictionary<string, ITransformer> { ["arm0"] = outcomeModels[0] };
        for (var k = 1; k < set.Arms; k++)
        {
            parts[$"tau0_{k}"] = effects[2 * (k - 1)];
            parts[$"tau1_{k}"] = effects[2 * (k - 1) + 1];
        }
        return Model(set, UpliftLearner.X, parts, treatedShare);
    }

    /// <summary>
    /// Doubly robust pseudo-outcomes with two-fold cross-fitting: each row's outcome predictions come from models that never
    /// saw it. Propensities are the arm shares (randomized data), so the AIPW term is exact up to the outcome models' error.
    /// </summary>
    private static UpliftModel FitDr(TrainingSet set, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        var byArm = set.ByArm(rows);
        var random = new Random(set.Options.Seed);
        var folds = byArm.Select(armRows =>
        {
            var shuffled = armRows.ToArray();
            random.Shuffle(shuffled);
            return new[] { shuffled.Where((_, i) => i % 2 == 0).Order().ToArray(), shuffled.Where((_, i) => i % 2 == 1).Order().ToArray() };
        }).ToArray();
        // predicted[a][row]: arm a's outcome model, fitted on the other fold, at row. Jobs write disjoint rows.
        var predicted = Enumerable.Range(0, set.Arms).Select(_ => new float[set.Data.Count]).ToArray();
        var nuisance = new List<Func<ITransformer?>> { () => FitArm(set, byArm[0], outcome) };
        for (var fold = 0; fold < 2; fold++)
            for (var a = 0; a < set.Arms; a++)
            {
                var (f, arm) = (fold, a);
                nuisance.Add(() =>
                {
                    var model = FitArm(set, folds[arm][1 - f], outcome);
                    var heldOut = folds.SelectMany(g => g[f]).ToArray();
                    var scores = Score(set, model, heldOut);
                    for (var i = 0; i < heldOut.Length; i++) predicted[arm][heldOut[i]] = scores[i];
                    return null;
                });
            }
        var controlModel = Run(set, nuisance, ct)[0]!;
        var effects = Run(set, Enumerable.Range(1, set.Arms - 1).Select(k => Job(() =>
        {
            var pair = byArm[0].Concat(byArm[k]).Order().ToArray();
            var e = (double)byArm[k].Length / pair.Length;
            var pseudo = new float[set.Data.Count];
            foreach (var row in pair)
            {
                var (m0, mk, y) = (predicted[0][row], predicted[k][row], set.Y[row]);
                pseudo[row] = (float)(mk - m0 + (set.Arm[row] == k ? (y - mk) / e : -(y - m0) / (1 - e)));
            }
            return FitEffect(set, pair, pseudo);
        })).ToList(), ct);
        var parts = new Dictionary<string, ITransformer> { ["arm0"] = controlModel };
        for (var k = 1; k < set.Arms; k++) parts[$"tau{k}"] = effects[k - 1];
        return Model(set, UpliftLearner.DR, parts);
    }

    private static UpliftModel FitNeural(TrainingSet set, int[] rows, CancellationToken ct)
    {
        TorchRuntime.EnsureLoaded();
        var x = UpliftModel.Gather(set.Standardized, set.Width, rows);
        var net = TarNet.Fit(x, set.Width, rows.Select(r => set.Arm[r]).ToArray(), rows.Select(r => set.Y[r]).ToArray(), set.Arms,
            new TarNetOptions
            {
                BinaryOutcome = set.Options.BinaryOutcome, Seed = set.Options.Seed, Threads = set.Options.Threads,
                // A budget of about four million row visits: the same number of gradient steps whatever the size, so a
                // million-row refit takes as long as a 200k-row candidate (early stopping may end either sooner).
                Epochs = Math.Clamp(NeuralRowVisits / rows.Length, 3, 20),
            },
            cancellationToken: ct);
        return new UpliftModel(UpliftLearner.Neural, set.Data.Arms, set.Options.BinaryOutcome, set.Encoding, new MLContext(set.Options.Seed),
            new Dictionary<string, ITransformer>(), net: net);
    }

    private const int NeuralRowVisits = 4_000_000;

    private static Func<ITransformer> Job(Func<ITransformer> fit) => fit;

    private static T[] Run<T>(TrainingSet set, IReadOnlyList<Func<T>> jobs, CancellationToken ct) => Boosting.RunAll(jobs, set.Options.Threads, ct);

    private static ITransformer FitArm(TrainingSet set, int[] rows, BoosterSettings? outcome) =>
        Boosting.Fit(MatrixDataView.All(set.X, set.Width, rows, set.Y, set.Options.BinaryOutcome), outcome ?? BoosterSettings.Outcome(rows.Length),
            set.Options.BinaryOutcome, set.Options.Seed);

    private static ITransformer FitEffect(TrainingSet set, int[] rows, float[] labels) =>
        Boosting.Fit(MatrixDataView.All(set.X, set.Width, rows, labels), BoosterSettings.Effect(rows.Length), classifier: false, set.Options.Seed);

    private static float[] Score(TrainingSet set, ITransformer model, int[] rows)
    {
        var output = new float[rows.Length];
        Boosting.Score(model, CompiledTrees.TryCompile(model), MatrixDataView.All(set.X, set.Width, rows), output);
        return output;
    }

    private static UpliftModel Model(TrainingSet set, UpliftLearner learner, Dictionary<string, ITransformer> parts, double[]? treatedShare = null) =>
        new(learner, set.Data.Arms, set.Options.BinaryOutcome, set.Encoding, new MLContext(set.Options.Seed), parts, treatedShare);
}
