using Campaigns.Ml.Uplift.Neural;
using Microsoft.ML;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// Meta-learners on LightGBM base models (Künzel et al. 2019 for S/T/X; Kennedy 2023 for DR) and TARNet (Shalit et al. 2017).
/// Arm 0 is the control; each treatment arm k gets its own effect against it.
/// </summary>
internal static class UpliftLearners
{
    /// <param name="outcome">Settings of the outcome models; null = defaults scaled to the rows.</param>
    public static UpliftModel Fit(TrainingSet set, UpliftLearner learner, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        var ml = new MLContext(set.Options.Seed);
        return learner switch
        {
            UpliftLearner.S => FitS(set, ml, rows, outcome, ct),
            UpliftLearner.T => FitT(set, ml, rows, outcome, ct),
            UpliftLearner.X => FitX(set, ml, rows, outcome, ct),
            UpliftLearner.DR => FitDr(set, ml, rows, outcome, ct),
            UpliftLearner.Neural => FitNeural(set, ml, rows, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(learner), $"{learner} is not a single learner."),
        };
    }

    private static UpliftModel FitS(TrainingSet set, MLContext ml, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var view = new MatrixDataView(set.X, set.Width, rows, 0, rows.Length, set.Y, set.Options.BinaryOutcome, armSlots: set.Arms, armOfRow: set.Arm);
        var model = FitOutcome(set, ml, view, outcome ?? BoosterSettings.Outcome(rows.Length));
        return Model(set, UpliftLearner.S, ml, new() { ["s"] = model });
    }

    private static UpliftModel FitT(TrainingSet set, MLContext ml, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        var parts = new Dictionary<string, ITransformer>();
        var byArm = set.ByArm(rows);
        for (var k = 0; k < set.Arms; k++) parts[$"arm{k}"] = FitArm(set, ml, byArm[k], outcome, ct);
        return Model(set, UpliftLearner.T, ml, parts);
    }

    /// <summary>T-stage outcome models, effects imputed on each arm from the other arm's model, one effect regressor per side.</summary>
    private static UpliftModel FitX(TrainingSet set, MLContext ml, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        var byArm = set.ByArm(rows);
        var outcomeModels = byArm.Select(armRows => FitArm(set, ml, armRows, outcome, ct)).ToArray();
        var parts = new Dictionary<string, ITransformer> { ["arm0"] = outcomeModels[0] };
        var treatedShare = new double[set.Arms];
        var imputed = new float[set.Data.Count];
        for (var k = 1; k < set.Arms; k++)
        {
            var (control, treated) = (byArm[0], byArm[k]);
            // Treated rows: observed minus the control model's counterfactual; control rows: the arm-k model minus observed.
            var counterfactual = Score(set, outcomeModels[0], treated);
            for (var i = 0; i < treated.Length; i++) imputed[treated[i]] = set.Y[treated[i]] - counterfactual[i];
            counterfactual = Score(set, outcomeModels[k], control);
            for (var i = 0; i < control.Length; i++) imputed[control[i]] = counterfactual[i] - set.Y[control[i]];
            parts[$"tau1_{k}"] = FitEffect(set, ml, treated, imputed, ct);
            parts[$"tau0_{k}"] = FitEffect(set, ml, control, imputed, ct);
            treatedShare[k] = (double)treated.Length / (treated.Length + control.Length);
        }
        return Model(set, UpliftLearner.X, ml, parts, treatedShare);
    }

    /// <summary>
    /// Doubly robust pseudo-outcomes with two-fold cross-fitting: each row's outcome predictions come from models that never
    /// saw it. Propensities are the arm shares (randomized data), so the AIPW term is exact up to the outcome models' error.
    /// </summary>
    private static UpliftModel FitDr(TrainingSet set, MLContext ml, int[] rows, BoosterSettings? outcome, CancellationToken ct)
    {
        var byArm = set.ByArm(rows);
        var random = new Random(set.Options.Seed);
        var folds = byArm.Select(armRows =>
        {
            var shuffled = armRows.ToArray();
            random.Shuffle(shuffled);
            return new[] { shuffled.Where((_, i) => i % 2 == 0).Order().ToArray(), shuffled.Where((_, i) => i % 2 == 1).Order().ToArray() };
        }).ToArray();
        // predicted[a][row]: arm a's outcome model, fitted on the other fold, at row.
        var predicted = Enumerable.Range(0, set.Arms).Select(_ => new float[set.Data.Count]).ToArray();
        for (var fold = 0; fold < 2; fold++)
        {
            var heldOut = folds.SelectMany(f => f[fold]).ToArray();
            for (var a = 0; a < set.Arms; a++)
            {
                var model = FitArm(set, ml, folds[a][1 - fold], outcome, ct);
                var scores = Score(set, model, heldOut);
                for (var i = 0; i < heldOut.Length; i++) predicted[a][heldOut[i]] = scores[i];
            }
        }
        var parts = new Dictionary<string, ITransformer> { ["arm0"] = FitArm(set, ml, byArm[0], outcome, ct) };
        var pseudo = new float[set.Data.Count];
        for (var k = 1; k < set.Arms; k++)
        {
            var pair = byArm[0].Concat(byArm[k]).Order().ToArray();
            var e = (double)byArm[k].Length / pair.Length;
            foreach (var row in pair)
            {
                var (m0, mk, y) = (predicted[0][row], predicted[k][row], set.Y[row]);
                pseudo[row] = (float)(mk - m0 + (set.Arm[row] == k ? (y - mk) / e : -(y - m0) / (1 - e)));
            }
            parts[$"tau{k}"] = FitEffect(set, ml, pair, pseudo, ct);
        }
        return Model(set, UpliftLearner.DR, ml, parts);
    }

    private static UpliftModel FitNeural(TrainingSet set, MLContext ml, int[] rows, CancellationToken ct)
    {
        TorchRuntime.EnsureLoaded();
        var x = UpliftModel.Gather(set.Standardized, set.Width, rows);
        var net = TarNet.Fit(x, set.Width, rows.Select(r => set.Arm[r]).ToArray(), rows.Select(r => set.Y[r]).ToArray(), set.Arms,
            new TarNetOptions { BinaryOutcome = set.Options.BinaryOutcome, Seed = set.Options.Seed, Threads = set.Options.Threads },
            cancellationToken: ct);
        return new UpliftModel(UpliftLearner.Neural, set.Data.Arms, set.Options.BinaryOutcome, set.Encoding, ml, new Dictionary<string, ITransformer>(), net: net);
    }

    private static ITransformer FitArm(TrainingSet set, MLContext ml, int[] rows, BoosterSettings? outcome, CancellationToken ct) =>
        FitOutcome(set, ml, MatrixDataView.All(set.X, set.Width, rows, set.Y, set.Options.BinaryOutcome), outcome ?? BoosterSettings.Outcome(rows.Length), ct);

    private static ITransformer FitOutcome(TrainingSet set, MLContext ml, IDataView view, BoosterSettings settings, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Boosting.Fit(ml, view, settings, set.Options.BinaryOutcome, set.Options.Threads, set.Options.Seed);
    }

    private static ITransformer FitEffect(TrainingSet set, MLContext ml, int[] rows, float[] labels, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Boosting.Fit(ml, MatrixDataView.All(set.X, set.Width, rows, labels), BoosterSettings.Effect(rows.Length), classifier: false,
            set.Options.Threads, set.Options.Seed);
    }

    private static float[] Score(TrainingSet set, ITransformer model, int[] rows)
    {
        var output = new float[rows.Length];
        Boosting.Score(model, MatrixDataView.All(set.X, set.Width, rows), output);
        return output;
    }

    private static UpliftModel Model(TrainingSet set, UpliftLearner learner, MLContext ml, Dictionary<string, ITransformer> parts, double[]? treatedShare = null) =>
        new(learner, set.Data.Arms, set.Options.BinaryOutcome, set.Encoding, ml, parts, treatedShare);
}
