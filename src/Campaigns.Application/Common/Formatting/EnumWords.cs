using System.Text;
using Campaigns.Analytics;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Common.Formatting;

/// <summary>
/// Enum values as words on a page: PascalCase split into a sentence-case phrase ("PendingApproval" would be
/// "Pending approval"), acronyms kept ("DR"), with the values whose split is not what a user calls them overridden.
/// </summary>
public static class EnumWords
{
    private static readonly Dictionary<Enum, string> Overrides = new()
    {
        [CampaignStatus.PendingApproval] = "Waiting for approval",
        [Channel.Push] = "Push notification",
        [Channel.OnsiteBanner] = "On-site banner",
        [PromotionType.Bundle] = "Bundle (buy X get Y)",
        [ExperimentDecision.None] = "No decision",
        [ModelKind.CtrRanker] = "Click-through ranker",
        [ImportKind.Campaign] = "Past campaign",
        [ImportKind.Copy] = "Past copy",
        [AudienceSelection.TopPercent] = "Top share by uplift",
        [AudienceSelection.UpliftAbove] = "Uplift above a threshold",
        [AudienceSelection.Budget] = "Within a budget",
        [AudienceCell.Targeted] = "Chosen by the model",
        [AudienceCell.Random] = "Random eligible",
        [AnalysisEngine.Frequentist] = "Fixed horizon",
        [AnalysisEngine.Sequential] = "Sequential (safe to peek)",
        [CorrectionMethod.Holm] = "Holm (family-wise)",
        [CorrectionMethod.BenjaminiHochberg] = "Benjamini–Hochberg (FDR)",
        [UpliftLearner.Auto] = "Auto (best on validation)",
        [UpliftLearner.S] = "S-learner",
        [UpliftLearner.T] = "T-learner",
        [UpliftLearner.X] = "X-learner",
        [UpliftLearner.DR] = "DR-learner",
        [UpliftLearner.Neural] = "Neural (TARNet)",
    };

    /// <summary>The value as words; a combination of flags as its words joined by commas.</summary>
    public static string ToWords(this Enum value)
    {
        if (Overrides.TryGetValue(value, out var words)) return words;
        var name = value.ToString();
        return name.Contains(", ", StringComparison.Ordinal)
            ? string.Join(", ", name.Split(", ").Select(n => Split(n)))
            : Split(name);
    }

    /// <summary>The value inside a sentence: "a campaign that is waiting for approval".</summary>
    public static string InSentence(this Enum value) => value.ToWords().ToLowerInvariant();

    /// <summary>The learner a model version names by its string (as stored): "DR" → "DR-learner".</summary>
    public static string Learner(string? learner) =>
        Enum.TryParse<UpliftLearner>(learner, out var l) ? l.ToWords() : learner ?? Display.None;

    private static string Split(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]));
            if (startsWord) sb.Append(' ');
            sb.Append(c);
        }
        var parts = sb.ToString().Split(' ');
        // Sentence case: only the first word keeps its capital, except acronyms ("CUPED", "DR").
        for (var i = 1; i < parts.Length; i++)
            if (!(parts[i].Length > 1 && parts[i].All(char.IsUpper))) parts[i] = parts[i].ToLowerInvariant();
        return string.Join(' ', parts);
    }
}
