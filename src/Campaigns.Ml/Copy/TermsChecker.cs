using System.Globalization;
using System.Text.RegularExpressions;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Ml.Copy;

/// <summary>
/// Finds the terms a line of filled copy states that the promotion does not have: another percentage or amount, free
/// shipping or a bundle it does not offer, another code, minimum spend or end date, "sitewide" for a one-category offer.
/// Store-wide policies in past copy ("free returns") are not offer terms and pass.
/// </summary>
public static partial class TermsChecker
{
    /// <summary>Each contradiction as a short reason; empty when the line is consistent with the terms.</summary>
    public static IReadOnlyList<string> Contradictions(string text, PromotionTerms terms)
    {
        var reasons = new List<string>();
        foreach (Match m in Percent().Matches(text))
            if (terms.Type != PromotionType.PercentDiscount || !Same(m.Groups[1].Value, terms.PercentOff))
                reasons.Add($"states {m.Value.Trim()}");
        foreach (Match m in AmountOff().Matches(text))
            if (terms.Type != PromotionType.FixedAmountOff || !Same(m.Groups[1].Value, terms.AmountOff))
                reasons.Add($"states {m.Value.Trim()}");
        foreach (Match m in Money().Matches(text))
            if (!Same(m.Groups[1].Value, terms.AmountOff) && !Same(m.Groups[1].Value, terms.MinimumSpend))
                reasons.Add($"states an amount {m.Value.Trim()}");
        foreach (Match m in Over().Matches(text))
            if (!Same(m.Groups[1].Value, terms.MinimumSpend))
                reasons.Add($"states a minimum spend {m.Value.Trim()}");
        if (FreeShipping().IsMatch(text) && terms.Type != PromotionType.FreeShipping) reasons.Add("states free shipping");
        if (FreeGift().IsMatch(text) && terms.Type != PromotionType.Bundle) reasons.Add("states a free item");
        foreach (Match m in Bundle().Matches(text))
            if (terms.Type != PromotionType.Bundle || m.Groups[1].Value != $"{terms.BundleBuy}" || m.Groups[2].Value != $"{terms.BundleGet}")
                reasons.Add($"states {m.Value.Trim()}");
        foreach (Match m in CodeLike().Matches(text))
            if (!string.Equals(m.Value, terms.Code, StringComparison.OrdinalIgnoreCase))
                reasons.Add($"states the code {m.Value}");
        foreach (Match m in CodeAfterWord().Matches(text))
            if (!string.Equals(m.Groups[1].Value, terms.Code, StringComparison.OrdinalIgnoreCase))
                reasons.Add($"states the code {m.Groups[1].Value}");
        foreach (Match m in Dates().Matches(text))
            if (!string.Equals(m.Value, terms.EndDate, StringComparison.OrdinalIgnoreCase))
                reasons.Add($"states the date {m.Value}");
        if (terms.CategoryLimited && Sitewide().IsMatch(text)) reasons.Add($"says sitewide but the offer is limited to {terms.Category}");
        return reasons.Distinct().ToList();
    }

    private static bool Same(string stated, decimal? actual) =>
        actual is { } a && decimal.TryParse(stated, NumberStyles.Number, CultureInfo.InvariantCulture, out var s) && s == a;

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s?%", RegexOptions.CultureInvariant)]
    private static partial Regex Percent();

    [GeneratedRegex(@"(?<![\w.%])[£$€]?(\d+(?:\.\d+)?)\s?off\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountOff();

    [GeneratedRegex(@"[£$€]\s?(\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex Money();

    [GeneratedRegex(@"\b(?:over|above|spend)\s+[£$€]?(\d+(?:\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Over();

    [GeneratedRegex(@"\bfree\s+(?:shipping|delivery|postage)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FreeShipping();

    [GeneratedRegex(@"\bfree\s+(?:gift|item|product)s?\b|\bget\s+\d+\s+free\b|\b\d+\s+for\s+\d+\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FreeGift();

    [GeneratedRegex(@"\bbuy\s+(\d+)\s*,?\s*get\s+(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bundle();

    [GeneratedRegex(@"\b[A-Z]{2,}[0-9]+[A-Z0-9]*\b", RegexOptions.CultureInvariant)]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"\bcode\s+([A-Za-z0-9]{3,})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeAfterWord();

    [GeneratedRegex(@"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Dates();

    [GeneratedRegex(@"\b(?:sitewide|storewide|site-wide|everything|all products)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sitewide();
}
