using System.Text.RegularExpressions;

namespace Campaigns.Ml.Copy;

/// <summary>
/// Replaces what belongs to one promotion (its offer, code, end date) and the catalogue's names (products, categories,
/// customers' first names, and the placeholders of a chosen line) with slots. Longer names are replaced first ("Wool Coat" before "Coat").
/// </summary>
public sealed partial class Delexicalizer
{
    private readonly Regex? _products;
    private readonly Regex? _categories;
    private readonly Regex? _names;

    /// <param name="products">Product names of the catalogue.</param>
    /// <param name="categories">Category names of the catalogue.</param>
    /// <param name="firstNames">Customers' first names seen in copy (become the {name} merge field).</param>
    public Delexicalizer(IEnumerable<string> products, IEnumerable<string> categories, IEnumerable<string>? firstNames = null)
    {
        _products = Alternation(products);
        _categories = Alternation(categories);
        _names = Alternation(firstNames ?? []);
    }

    public string Delexicalize(string text)
    {
        var s = Offer().Replace(text.Replace(Slots.NamePlaceholder, Slots.Name, StringComparison.OrdinalIgnoreCase)
            .Replace(Slots.ProductPlaceholder, Slots.Product, StringComparison.OrdinalIgnoreCase), Slots.Discount);
        s = CodeAfterWord().Replace(s, m => m.Groups[1].Value + Slots.Code);
        s = CodeLike().Replace(s, Slots.Code);
        s = Dates().Replace(s, Slots.EndDate);
        if (_products is not null) s = _products.Replace(s, Slots.Product);
        if (_categories is not null) s = _categories.Replace(s, Slots.Category);
        if (_names is not null) s = _names.Replace(s, Slots.Name);
        return Spaces().Replace(s, " ").Trim();
    }

    private static Regex? Alternation(IEnumerable<string> names)
    {
        var list = names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).Select(Regex.Escape).ToList();
        return list.Count == 0 ? null
            : new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', list)})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    // An offer phrase with its optional minimum spend: "20% off", "£10 off", "free shipping", "buy 2 get 1 free" (+ " over 50").
    [GeneratedRegex(@"(?:\b\d+(?:\.\d+)?\s?%\s?off\b|(?<![\w.])[£$€]?\d+(?:\.\d+)?\s?off\b|\bfree\s+(?:shipping|delivery)\b|\bbuy\s+\d+\s+get\s+\d+\s+free\b)(?:\s+over\s+[£$€]?\d+(?:\.\d+)?)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Offer();

    [GeneratedRegex(@"\b(code\s+)[A-Z0-9]{3,}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeAfterWord();

    [GeneratedRegex(@"\b[A-Z]{2,}[0-9]+[A-Z0-9]*\b", RegexOptions.CultureInvariant)]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Dates();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
