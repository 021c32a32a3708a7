using System.Text.RegularExpressions;

namespace Campaigns.Ml.Copy;

/// <summary>
/// Every word as the corpus and the store's names write it, with its casing: what <see cref="CopyForm"/> accepts as a
/// word. A word the corpus writes capitalised only at the start of a sentence ("Because") is also known in lower case.
/// </summary>
public sealed partial class CopyVocabulary
{
    private readonly HashSet<string> _forms;

    private CopyVocabulary(HashSet<string> forms) => _forms = forms;

    /// <param name="texts">Real copy (not de-lexicalized), with its casing.</param>
    /// <param name="lexicon">The catalogue's product and category names and the customers' first names.</param>
    public static CopyVocabulary From(IEnumerable<string> texts, CopyLexicon lexicon)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (Match m in Word().Matches(Normalize(text)))
            {
                forms.Add(m.Value);
                if (StartsSentence(text, m.Index) && char.IsUpper(m.Value[0])) forms.Add(char.ToLowerInvariant(m.Value[0]) + m.Value[1..]);
            }
        foreach (var name in lexicon.Products.Concat(lexicon.Categories).Concat(lexicon.FirstNames).Append(Slots.NamePlaceholder).Append(Slots.ProductPlaceholder))
            AddNames(forms, name);
        return new CopyVocabulary(forms);
    }

    /// <summary>True when the word is written as the corpus or the store's names write it, or so with its first letter capitalised.</summary>
    /// <param name="names">More names the word may be one of: a campaign's (<see cref="Names"/>).</param>
    public bool IsKnown(string word, IReadOnlySet<string>? names = null)
    {
        word = Normalize(word);
        if (word.Length == 0) return false;
        if (Known(word, names)) return true;
        if (char.IsUpper(word[0]) && Known(char.ToLowerInvariant(word[0]) + word[1..], names)) return true;
        // "free-shipping", "women's-only": a compound of known words.
        return word.Contains('-') && word.Split('-').All(part => part.Length > 0 && IsKnown(part, names));
    }

    private bool Known(string word, IReadOnlySet<string>? names) => _forms.Contains(word) || names?.Contains(word) == true;

    /// <summary>
    /// The words of a campaign's own names: its offer, code, product, category (also in lower case, as {category} is
    /// filled) and end date.
    /// </summary>
    public static IReadOnlySet<string> Names(PromotionTerms terms)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { terms.Offer, terms.Code, terms.Product, terms.Category, terms.Category?.ToLowerInvariant(), terms.EndDate })
            if (name is not null) AddNames(forms, name);
        return forms;
    }

    private static void AddNames(HashSet<string> forms, string name)
    {
        foreach (Match m in Token().Matches(Normalize(name))) forms.Add(m.Value);
    }

    /// <summary>True when the word at <paramref name="index"/> is the first of its line or follows a sentence's end.</summary>
    internal static bool StartsSentence(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] is '"' or '\'' or '(' or '[' or '“' or '‘')) i--;
        return i < 0 || text[i] is '.' or '!' or '?' or '\n';
    }

    /// <summary>The curly apostrophe is the straight one.</summary>
    internal static string Normalize(string text) => text.Replace('’', '\'');

    /// <summary>A word: letters, with inner apostrophes or hyphens.</summary>
    [GeneratedRegex(@"\p{L}+(?:['\-]\p{L}+)*")]
    internal static partial Regex Word();

    /// <summary>A word or number as a name writes it ("SAVE15", "Women's").</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*")]
    internal static partial Regex Token();
}
