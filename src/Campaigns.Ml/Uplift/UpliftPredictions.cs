using Campaigns.Analytics.Uplift;

namespace Campaigns.Ml.Uplift;

/// <summary>Batch predictions: for each row, the predicted control outcome and, per treatment arm k (1..K-1), the effect vs control.</summary>
public sealed class UpliftPredictions
{
    private readonly float[] _control;
    private readonly float[][] _effects;

    internal UpliftPredictions(float[] control, float[][] effects)
    {
        _control = control;
        _effects = effects;
    }

    public int Count => _control.Length;

    /// <summary>Copies every row's predictions into the given arrays from <paramref name="offset"/> on (gathers out-of-fold predictions).</summary>
    internal void CopyTo(float[] control, float[][] effects, int offset)
    {
        _control.CopyTo(control, offset);
        for (var k = 0; k < _effects.Length; k++) _effects[k].CopyTo(effects[k], offset);
    }
    public int TreatmentArms => _effects.Length;

    public float ControlOutcome(int row) => _control[row];

    /// <param name="treatmentArm">The arm index 1..K-1.</param>
    public float Effect(int row, int treatmentArm) => EffectsOf(treatmentArm)[row];

    internal float[] EffectsOf(int treatmentArm) => (uint)(treatmentArm - 1) < (uint)_effects.Length ? _effects[treatmentArm - 1]
        : throw new ArgumentOutOfRangeException(nameof(treatmentArm), $"Treatment arms are 1..{_effects.Length}, not {treatmentArm}.");

    /// <summary>
    /// Qini, AUUC and uplift@k of one treatment arm against the control on the labelled rows the predictions were made
    /// for (in the same order), using only the rows of those two arms.
    /// </summary>
    public UpliftEvaluation Evaluate(UpliftDataset labelled, int treatmentArm = 1) => Evaluate(labelled, null, treatmentArm);

    /// <param name="rows">Dataset row of each prediction, or null when prediction i is row i.</param>
    internal UpliftEvaluation Evaluate(UpliftDataset labelled, int[]? rows, int treatmentArm)
    {
        var effects = EffectsOf(treatmentArm);
        var (score, treated, outcome) = (new List<double>(), new List<bool>(), new List<double>());
        for (var i = 0; i < Count; i++)
        {
            var row = rows is null ? i : rows[i];
            var arm = labelled.ArmAt(row);
            if (arm != 0 && arm != treatmentArm) continue;
            score.Add(effects[i]);
            treated.Add(arm != 0);
            outcome.Add(labelled.OutcomeAt(row));
        }
        if (!treated.Contains(true) || !treated.Contains(false))
            throw new ArgumentException($"Evaluating '{labelled.Arms[treatmentArm]}' needs labelled rows of both it and the control '{labelled.Arms[0]}'.");
        return UpliftMetrics.Evaluate(score.ToArray(), treated.ToArray(), outcome.ToArray());
    }

    /// <summary>
    /// Any treatment against the control, each row scored by its best arm's effect: how well the ranking picks whom to
    /// treat at all. With one treatment arm this is <see cref="Evaluate(UpliftDataset, int)"/>.
    /// </summary>
    internal UpliftEvaluation EvaluatePooled(UpliftDataset labelled, int[]? rows)
    {
        var (score, treated, outcome) = (new double[Count], new bool[Count], new double[Count]);
        for (var i = 0; i < Count; i++)
        {
            var row = rows is null ? i : rows[i];
            var best = float.NegativeInfinity;
            foreach (var effects in _effects) best = Math.Max(best, effects[i]);
            score[i] = best;
            treated[i] = labelled.ArmAt(row) != 0;
            outcome[i] = labelled.OutcomeAt(row);
        }
        return UpliftMetrics.Evaluate(score, treated, outcome);
    }
}
