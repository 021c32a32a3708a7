namespace Campaigns.Analytics.Uplift;

/// <summary>One point of a cumulative curve: the top <c>Fraction</c> of the ranking (0..1), <c>Count</c> rows, and the curve's value there.</summary>
public readonly record struct CurvePoint(double Fraction, int Count, double Value);

/// <summary>Observed vs predicted uplift in one decile of the ranking (decile 1 = highest predicted).</summary>
/// <remarks>
/// Low/High: 95% interval of the observed difference of means — Newcombe's hybrid score interval for 0/1 outcomes, Wald
/// otherwise. A decile missing one arm has ObservedUplift 0 and the widest possible interval ±(max − min outcome).
/// </remarks>
public sealed record DecileRow(int Decile, int Treated, int Control, double PredictedUplift,
    double ObservedUplift, double Low, double High);

/// <summary>How well a ranking by predicted uplift finds the rows the treatment moves.</summary>
/// <param name="QiniCoefficient">Normalized Qini AUC as scikit-uplift qini_auc_score: (model − random)/(perfect − random); 0 when the perfect curve is degenerate.</param>
/// <param name="Auuc">Normalized uplift AUC as scikit-uplift uplift_auc_score.</param>
/// <param name="RandomQiniCoefficient">The random ranking's coefficient: 0 by definition, kept for display symmetry.</param>
/// <param name="QiniCurve">~100 points + origin; value = incremental outcomes Y_T − Y_C·N_T/N_C (scikit-uplift qini_curve).</param>
/// <param name="UpliftCurve">Gain curve (Ȳ_T − Ȳ_C)·N (scikit-uplift uplift_curve), same points.</param>
/// <param name="RandomQiniCurve">Straight line from (0, 0) to the overall incremental outcome.</param>
/// <param name="UpliftAtK">k = 10, 20, 30 (percent) → mean outcome treated − control within the top k% (sklift uplift_at_k, strategy 'overall').</param>
/// <param name="Deciles">Predicted vs observed uplift by decile of the ranking.</param>
public sealed record UpliftEvaluation(
    double QiniCoefficient,
    double Auuc,
    double RandomQiniCoefficient,
    IReadOnlyList<CurvePoint> QiniCurve,
    IReadOnlyList<CurvePoint> UpliftCurve,
    IReadOnlyList<CurvePoint> RandomQiniCurve,
    IReadOnlyDictionary<int, double> UpliftAtK,
    IReadOnlyList<DecileRow> Deciles);
