using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;

namespace Campaigns.Application.Experiments;

/// <summary>Column titles that name the engine behind a figure, the same on the experiments list and on the results page.</summary>
public static class ResultsLabels
{
    /// <summary>"p (sequential)", "p (fixed horizon)" or "Chance to win (Bayesian)".</summary>
    public static string Value(AnalysisEngine engine) => engine switch
    {
        AnalysisEngine.Bayesian => "Chance to win (Bayesian)",
        AnalysisEngine.Sequential => "p (sequential)",
        _ => "p (fixed horizon)",
    };

    /// <summary>The engine's interval: "Confidence sequence (95%)".</summary>
    public static string Interval(AnalysisEngine engine, double confidence) => engine switch
    {
        AnalysisEngine.Bayesian => "Credible interval",
        AnalysisEngine.Sequential => "Confidence sequence",
        _ => "Confidence interval",
    } + $" ({Display.Percent(confidence, 0)})";
}
