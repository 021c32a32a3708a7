using System.Text.RegularExpressions;

namespace Campaigns.Ml.Copy;

/// <summary>
/// Checks the form of a line of filled copy as a careful reader would: every word written as the corpus or the store's
/// names write it (<see cref="CopyVocabulary"/>), numbers and codes as they are, and punctuation as in a sentence:
/// no doubled marks, no space before , . ! ? : ; and one after , : ; no word glued to a number, no stray symbols,
/// balanced brackets and quotes, each line starting with a capital letter or a number and not ending in , : ; or a dash.
/// </summary>
/// <remarks>A raw slot ("{name}") is <see cref="TermsChecker"/>'s to report (<see cref="ClaimKind.Slot"/>); here it reads as a number.</remarks>
public static partial class CopyForm
{
    /// <summary>The marks a line may use besides letters, digits and spaces.</summary>
    private const string Allowed = ".,!?:;'’\"-–—%£$€&()[]";

    /// <summary>Every problem of form of the text, each naming the word or mark; empty when the text is well formed.</summary>
    public static IReadOnlyList<FormProblem> Problems(string text, CopyVocabulary vocabulary, PromotionTerms terms)
    {
        var problems = new List<FormProblem>();
        var names = CopyVocabulary.Names(terms);
        void Punctuation(string reason) => problems.Add(new(FormProblemKind.Punctuation, reason));
        foreach (var raw in text.Split('\n'))
        {
            var line = RawSlot().Replace(CopyVocabulary.Normalize(raw), "0").Trim();
            if (line.Length == 0) continue;
            foreach (Match m in CopyVocabulary.Token().Matches(line))
            {
                var token = m.Value;
                var letters = token.Any(char.IsLetter);
                var digits = token.Any(char.IsDigit);
                if (!letters || CodeLike().IsMatch(token) || vocabulary.IsKnown(token, names)) continue;
                if (digits) Punctuation($"'{token}' glues a word to a number");
                else problems.Add(new(FormProblemKind.MalformedWord, $"'{token}' is not a word"));
            }
            foreach (Match m in GluedSign().Matches(line)) Punctuation($"'{m.Value}' glues a word to a number");
            foreach (Match m in Doubled().Matches(line))
                if (m.Value != "...") Punctuation($"doubled '{m.Value}'");
            foreach (Match m in SpaceBefore().Matches(line)) Punctuation($"space before '{m.Value.Trim()}'");
            foreach (Match m in NoSpaceAfter().Matches(line)) Punctuation($"no space after '{m.Value[0]}'");
            foreach (var c in line.Where(c => !char.IsLetterOrDigit(c) && c != ' ' && !Allowed.Contains(c)).Distinct())
                Punctuation($"stray symbol '{c}'");
            Balance(line, '(', ')', Punctuation);
            Balance(line, '[', ']', Punctuation);
            if (line.Count(c => c == '"') % 2 != 0) Punctuation("unbalanced quote '\"'");
            var first = line.TrimStart('(', '[', '"', '\'').FirstOrDefault();
            if (first != default && !char.IsUpper(first) && !char.IsDigit(first) && first is not ('£' or '$' or '€'))
                Punctuation($"starts with '{first}', not a capital letter or a number");
            if (line[^1] is ',' or ':' or ';' or '-' or '–' or '—') Punctuation($"ends with '{line[^1]}'");
        }
        return problems.Distinct().ToList();
    }

    private static void Balance(string line, char open, char close, Action<string> report)
    {
        var depth = 0;
        foreach (var c in line)
        {
            if (c == open) depth++;
            else if (c == close && --depth < 0) break;
        }
        if (depth != 0) report($"unbalanced '{(depth > 0 ? open : close)}'");
    }

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex RawSlot();

    /// <summary>A coupon code as copy writes it ("SAVE15"): capitals then digits.</summary>
    [GeneratedRegex(@"^[A-Z]{2,}[0-9]+[A-Z0-9]*$")]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"[%£$€]\p{L}+|\p{L}+[£$€]")]
    private static partial Regex GluedSign();

    [GeneratedRegex(@"[.,!?:;]{2,}")]
    private static partial Regex Doubled();

    [GeneratedRegex(@"\s+[,.!?:;]")]
    private static partial Regex SpaceBefore();

    // "1,000" and "10:30" are numbers; a closing quote or bracket may follow a comma.
    [GeneratedRegex(@"[,:;](?=[^\s""'’)\]])(?<!\d[,:](?=\d))")]
    private static partial Regex NoSpaceAfter();
}
