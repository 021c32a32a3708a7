namespace Campaigns.Domain.Models;

/// <summary>How a kind of model is judged: its main metric on held-out data and which direction is better.</summary>
public sealed record MainMetric(string Name, bool HigherIsBetter)
{
    /// <summary>How much better the candidate is than the reference (negative: worse).</summary>
    public double Gain(double candidate, double reference) => HigherIsBetter ? candidate - reference : reference - candidate;
}
