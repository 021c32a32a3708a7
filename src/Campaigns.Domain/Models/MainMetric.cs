namespace Campaigns.Domain.Models;

/// <summary>How a kind of model is judged: its main metric on held-out data and which direction is better.</summary>
public sealed record MainMetric(string Name, bool HigherIsBetter)
{
    /// <summary>How much better the candidate is than the reference (negative: worse).</summary>
    public double Gain(double candidate, double reference) => HigherIsBetter ? candidate - reference : reference - candidate;

    /// <summary>The name inside a sentence: "Incremental profit per customer" lowercased, an acronym such as "AUC" kept.</summary>
    public string InSentence => Name.Length > 1 && char.IsUpper(Name[0]) && char.IsLower(Name[1]) ? char.ToLowerInvariant(Name[0]) + Name[1..] : Name;

    /// <summary>A value of the metric as the reasons show it, with a true minus sign.</summary>
    public static string Format(double value) => value.ToString("0.000;−0.000", System.Globalization.CultureInfo.InvariantCulture);
}
