using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

internal static class CopyTestData
{
    public static readonly CopyLexicon Lexicon = new(["Wool Coat", "Chelsea Boots", "Table Lamp"], ["Shoes", "Home & Living", "Women's Fashion"], ["Anna", "Tom"]);

    /// <summary>A tiny corpus: a few templates per tone, filled with varying terms, categories and products.</summary>
    public static List<CopyLine> TinyCorpus(int lines, int seed)
    {
        var random = new Random(seed);
        string[][] templates =
        [
            ["Last chance: {offer} on {category}", "Hurry, {offer} ends soon", "Only 48 hours: {offer}", "Last chance for {offer} on {category}",
                "Hurry: {offer} on {category} ends soon", "Only 48 hours left for {offer}"],
            ["A little something for you: {offer}", "We picked these {category} for you", "Your {category} favourites, now {offer}",
                "We picked {offer} for you", "A little something: {category} favourites for you", "Your favourites, now {offer} on {category}"],
        ];
        var list = new List<CopyLine>();
        for (var i = 0; i < lines; i++)
        {
            var tone = random.Next(2) == 0 ? Tone.Urgent : Tone.Friendly;
            var template = templates[(int)tone == 0 ? 0 : 1][random.Next(6)];
            var category = Lexicon.Categories[random.Next(3)];
            var text = template.Replace("{offer}", $"{5 * (2 + random.Next(4))}% off").Replace("{category}", category.ToLowerInvariant());
            list.Add(new CopyLine(char.ToUpperInvariant(text[0]) + text[1..], new CopyConditions(CopyChannel.Push, PromotionType.PercentDiscount, category, tone)));
        }
        return list;
    }

    /// <summary>The campaign's end: 30 November, 23:59 UTC.</summary>
    public static readonly DateTime EndsAt = new(2026, 11, 30, 23, 59, 0, DateTimeKind.Utc);

    /// <summary>A percent-off offer on shoes sent on its last day, 12 hours before it ends (so "last chance" and "only 48 hours" are true).</summary>
    public static PromotionTerms Percent(decimal percent, string? code = null) =>
        new(PromotionType.PercentDiscount, PercentOff: percent, Code: code, Category: "Shoes", Product: "Chelsea Boots", EndDate: "30 November",
            EndsAt: EndsAt, SendAt: EndsAt.AddHours(-12));

    /// <summary>The same offer on a two-week campaign, sent at its start.</summary>
    public static PromotionTerms TwoWeeks(decimal percent, string? code = null) => Percent(percent, code) with { SendAt = EndsAt.AddDays(-14) };
}
