namespace Campaigns.Analytics;

/// <summary>Posterior summaries of one comparison; risks are in metric units (absolute lift).</summary>
/// <param name="ChanceToWin">Posterior probability that the treatment is better (in the metric's good direction).</param>
/// <param name="RiskOfChoosingTreatment">Expected loss if the treatment is shipped: E[max(better(control) − better(treatment), 0)].</param>
/// <param name="RiskOfKeepingControl">Expected loss if control is kept.</param>
/// <param name="Method">"beta-binomial" (exact quadrature) or "normal-approximation".</param>
public sealed record BayesianResult(double ChanceToWin, double RiskOfChoosingTreatment, double RiskOfKeepingControl, string Method);
