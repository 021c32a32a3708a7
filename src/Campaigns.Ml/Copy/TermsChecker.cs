using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Ml.Copy;

/// <summary>
/// Finds what a line of filled copy states that the campaign does not support: another percentage, amount, code, minimum
/// spend or end date; free shipping neither the offer nor the store's shipping terms give; a store promise ("free
/// returns") the store's policies do not include; urgency the time left after the send does not support; stock running out,
/// which no stock figure supports; "sitewide" or a
/// product from another category on a one-category offer; a raw slot, or the customer's name where copy is not sent per customer.
/// </summary>
/// <remarks>
/// Urgency must hold for the whole send, from <see cref="PromotionTerms.SendAt"/> to the campaign's end: "N hours left",
/// "N hours to get", "only N hours" and "final N hours" need the campaign to end within N hours of the send ("N days left" within N days);
/// "tonight", "today only", "last day", "last chance", "final hours", "ends today" and "ends at midnight" within 24 hours;
/// "ends tomorrow" within 48; "ends soon", "ending soon", "almost over", "a few days left" within 72. A two-week campaign says none of it,
/// and neither does a banner of a campaign longer than a day (it is shown from the start). Unknown end or send time: none.
/// </remarks>
public static partial class TermsChecker
{
    /// <summary>The store promises copy may state only when the store's policies (<c>Store:Policies</c>) include them.</summary>
    public static readonly IReadOnlyList<string> StorePolicies =
        ["free returns", "price match", "next-day delivery", "same-day dispatch", "money-back guarantee", "lifetime warranty"];

    /// <summary>True when copy is checked for the policy (any case; "next day delivery" is "next-day delivery").</summary>
    public static bool IsStorePolicy(string policy) => StorePolicies.Any(p => StorePromises.Normalize(p) == StorePromises.Normalize(policy));

    private static readonly Regex[] PolicyPatterns = StorePolicies.Select(p => p switch
    {
        "free returns" => @"\bfree\s+(?:returns?|exchanges?)\b|\breturns?\s+(?:are\s+)?(?:always\s+)?free\b",
        "price match" => @"\bprice[\s-]match(?:ing|ed)?\b|\bmatch\s+any\s+price\b",
        "next-day delivery" => @"\bnext[\s-]day\s+(?:delivery|shipping)\b|\bdelivered\s+tomorrow\b",
        "same-day dispatch" => @"\bsame[\s-]day\s+(?:dispatch|shipping)\b|\bships?\s+today\b",
        "money-back guarantee" => @"\bmoney[\s-]back\b",
        "lifetime warranty" => @"\blifetime\s+(?:warranty|guarantee)\b",
        _ => throw new InvalidOperationException($"No pattern for the policy '{p}'."),
    }).Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToArray();

    private static readonly ConditionalWeakTable<IReadOnlyList<string>, Regex?> ProductPatterns = [];

    /// <summary>Each contradiction with its kind and reason; empty when the campaign supports every statement of the line.</summary>
    /// <param name="channel">Where the line appears: the customer's name only where copy is sent per customer.</param>
    public static IReadOnlyList<Contradiction> Contradictions(string text, PromotionTerms terms, CopyChannel channel)
    {
        var reasons = new List<Contradiction>();
        void Add(ClaimKind kind, string reason) => reasons.Add(new(kind, reason));
        var rest = StoreShipping(text, terms, Add);
        foreach (Match m in Percent().Matches(rest))
            if (terms.Type != PromotionType.PercentDiscount || !Same(m.Groups[1].Value, terms.PercentOff))
                Add(ClaimKind.Offer, $"states {m.Value.Trim()}");
        foreach (Match m in AmountOff().Matches(rest))
            if (terms.Type != PromotionType.FixedAmountOff || !Same(m.Groups[1].Value, terms.AmountOff))
                Add(ClaimKind.Offer, $"states {m.Value.Trim()}");
        foreach (Match m in Money().Matches(rest))
            if (!Same(m.Groups[1].Value, terms.AmountOff) && !Same(m.Groups[1].Value, terms.MinimumSpend))
                Add(ClaimKind.Offer, $"states an amount {m.Value.Trim()}");
        foreach (Match m in Over().Matches(rest))
            if (!Same(m.Groups[1].Value, terms.MinimumSpend))
                Add(ClaimKind.Offer, $"states a minimum spend {m.Value.Trim()}");
        if (FreeGift().IsMatch(rest) && terms.Type != PromotionType.Bundle) Add(ClaimKind.Offer, "states a free item");
        foreach (Match m in Bundle().Matches(rest))
            if (terms.Type != PromotionType.Bundle || m.Groups[1].Value != $"{terms.BundleBuy}" || m.Groups[2].Value != $"{terms.BundleGet}")
                Add(ClaimKind.Offer, $"states {m.Value.Trim()}");
        foreach (Match m in CodeLike().Matches(rest))
            if (!string.Equals(m.Value, terms.Code, StringComparison.OrdinalIgnoreCase))
                Add(ClaimKind.Offer, $"states the code {m.Value}");
        foreach (Match m in CodeAfterWord().Matches(rest))
            if (!string.Equals(m.Groups[1].Value, terms.Code, StringComparison.OrdinalIgnoreCase))
                Add(ClaimKind.Offer, $"states the code {m.Groups[1].Value}");
        foreach (Match m in Dates().Matches(rest))
            if (!string.Equals(m.Value, terms.EndDate, StringComparison.OrdinalIgnoreCase))
                Add(ClaimKind.Offer, $"states the date {m.Value}");
        Urgency(text, terms, Add);
        for (var i = 0; i < StorePolicies.Count; i++)
            if ((terms.Store is null || !terms.Store.Has(StorePolicies[i])) && PolicyPatterns[i].Match(text) is { Success: true } m)
                Add(ClaimKind.StorePromise, $"promises {m.Value.Trim().ToLowerInvariant()}, which is not one of the store's policies");
        if (terms.CategoryLimited)
        {
            if (Sitewide().Match(text) is { Success: true } sitewide) Add(ClaimKind.Sitewide, $"says {sitewide.Value.ToLowerInvariant()} but the offer is limited to {terms.Category}");
            if (OutsideProduct(terms)?.Match(text) is { Success: true } product) Add(ClaimKind.Product, $"names {product.Value}, which is not in {terms.Category}");
        }
        // "While stocks last" qualifies an offer; "almost sold out" states a stock level no one has checked.
        foreach (Match m in LowStock().Matches(text)) Add(ClaimKind.Stock, $"says “{m.Value.Trim()}”, but the app has no stock figures to support it");
        foreach (Match m in RawSlot().Matches(text)) Add(ClaimKind.Slot, $"shows the raw slot {m.Value}");
        if (!CopyConditions.Personalizes(channel) && text.Contains(Slots.NamePlaceholder, StringComparison.OrdinalIgnoreCase))
            Add(ClaimKind.Slot, $"addresses the customer by name, but a {channel.ToString().ToLowerInvariant()} is the same for everyone");
        if (!CopyConditions.Personalizes(channel) && text.Contains(Slots.ProductPlaceholder, StringComparison.OrdinalIgnoreCase))
            Add(ClaimKind.Slot, $"names each customer's recommended product, but a {channel.ToString().ToLowerInvariant()} is the same for everyone");
        return reasons.Distinct().ToList();
    }

    /// <summary>
    /// Checks each "free shipping" against the offer and the store's shipping terms, and returns the text with the
    /// store's true ones ("free shipping over 60" when the store ships free from 60) blanked, so their amount is not
    /// read as the offer's minimum spend.
    /// </summary>
    private static string StoreShipping(string text, PromotionTerms terms, Action<ClaimKind, string> add)
    {
        if (terms.Type == PromotionType.FreeShipping) return text;
        var from = terms.Store?.FreeShippingFrom;
        return FreeShipping().Replace(text, m =>
        {
            var stated = m.Groups[1].Success && decimal.TryParse(m.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var s) ? s : (decimal?)null;
            if (from == 0 || (from is { } threshold && stated >= threshold)) return new string(' ', m.Length);
            add(ClaimKind.Shipping, $"states {m.Value.Trim().ToLowerInvariant()}" + (from is { } f ? $" (the store ships free only from {PromotionTerms.Number(f)})" : ""));
            return m.Value;
        });
    }

    private static void Urgency(string text, PromotionTerms terms, Action<ClaimKind, string> add)
    {
        foreach (Match m in UrgencyPattern().Matches(text))
        {
            var window = m.Groups["hours"].Success ? TimeSpan.FromHours(int.Parse(m.Groups["hours"].Value, CultureInfo.InvariantCulture))
                : m.Groups["days"].Success ? TimeSpan.FromDays(int.Parse(m.Groups["days"].Value, CultureInfo.InvariantCulture))
                : m.Groups["tomorrow"].Success ? TimeSpan.FromHours(48)
                : m.Groups["soon"].Success ? TimeSpan.FromHours(72)
                : TimeSpan.FromHours(24);
            // A campaign that has ended is sent to nobody: no countdown can be true of it.
            if (terms.Remaining is { } remaining && remaining > TimeSpan.Zero && remaining <= window) continue;
            add(ClaimKind.Urgency, terms.Remaining switch
            {
                { } left when left > TimeSpan.Zero => $"says “{m.Value.Trim()}” but the campaign runs {Describe(left)} after the send",
                { } => $"says “{m.Value.Trim()}” but the campaign has ended",
                null => $"says “{m.Value.Trim()}” but the campaign's end is not known",
            });
        }
    }

    private static string Describe(TimeSpan span) => span.TotalHours < 48
        ? $"{Math.Ceiling(span.TotalHours):0} hours"
        : $"{Math.Round(span.TotalDays, 1).ToString("0.#", CultureInfo.InvariantCulture)} days";

    /// <summary>One alternation of the outside products per list (built once per request's terms, not per line).</summary>
    private static Regex? OutsideProduct(PromotionTerms terms) => terms.OutsideProducts is not { Count: > 0 } products ? null
        : ProductPatterns.GetValue(products, list =>
        {
            var names = list.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Regex.Escape(n.Trim())).Distinct().OrderByDescending(n => n.Length).ToList();
            return names.Count == 0 ? null
                : new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', names)})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        });

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

    // With the order value it may be stated from: "free shipping on orders over €60".
    [GeneratedRegex(@"\bfree\s+(?:shipping|delivery|postage)\b(?:\s+(?:on\s+)?(?:(?:all|every|your)\s+)?(?:orders?\s+)?(?:over|above|from)\s+[£$€]?(\d+(?:\.\d+)?))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
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

    [GeneratedRegex(@"\b(?:sitewide|site-wide|storewide|store-wide|everything|all\s+products|all\s+items|every\s+(?:item|product)|(?:entire|whole)\s+(?:store|site|shop))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sitewide();

    [GeneratedRegex(@"\b(?:(?<hours>\d+)\s+hours?\s+(?:left|to\s+\p{L}+)|(?:only|just|final|last)\s+(?<hours>\d+)\s+hours?|(?<days>\d+)\s+days?\s+(?:left|to\s+\p{L}+)|(?:only|just|final|last)\s+(?<days>\d+)\s+days?"
        + @"|(?<tomorrow>ends\s+tomorrow)|(?<soon>ends\s+soon|ending\s+soon|almost\s+over|(?:only\s+|just\s+)?a\s+few\s+days\s+left)"
        + @"|tonight|today\s+only|last\s+day|final\s+day|last\s+chance|final\s+hours|ends\s+today|ends\s+at\s+midnight)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrgencyPattern();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex RawSlot();

    [GeneratedRegex(@"\b(?:(?:almost|nearly|all\s+but)\s+(?:sold\s+out|gone)|sold\s+out|selling\s+out|sells?\s+out|running\s+low|low\s+(?:in\s+)?stock|(?:only\s+)?(?:a\s+)?few\s+left|limited\s+stock|last\s+few|stock\s+alert)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LowStock();
}
