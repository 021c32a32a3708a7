using System.Text.RegularExpressions;
using Campaigns.Data.Demo;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Tests;

public sealed partial class DemoCopyTemplatesTests
{
    private static readonly DemoStore Store = new DemoStoreGenerator(7, DemoDatabase.AsOf).Generate(300);

    private static readonly Delexicalizer Delexicalizer = new(Store.Products.Select(p => p.Name), Store.Categories.Select(c => c.Name),
        Store.Customers.Select(c => c.FirstName!));

    private static readonly IEnumerable<DemoCopyTemplate> All = DemoCopyTemplates.Headlines.Concat(DemoCopyTemplates.Bodies);

    /// <summary>Fills a template as the generator does, with the longest names of the catalogue.</summary>
    private static string Fill(string template, string offer = "buy 2 get 1 free") =>
        template.Replace("{offer}", offer).Replace("{category}", Longest(Store.Categories.Select(c => c.Name)).ToLowerInvariant())
            .Replace("{product}", Longest(Store.Products.Select(p => p.Name))).Replace("{name}", Longest(Store.Customers.Select(c => c.FirstName!)))
            .Replace("{code}", "SAVE99").Replace("{end}", "Sunday");

    private static string Longest(IEnumerable<string> names) => names.MaxBy(n => n.Length)!;

    private static string Template(string text) => CopyGenerator.NormalizeTemplate(Delexicalizer.Delexicalize(text));

    [Fact]
    public void The_corpus_has_at_least_360_distinct_headline_templates_and_25_for_each_channel_and_tone()
    {
        Assert.True(DemoCopyTemplates.Headlines.Select(t => Template(Fill(t.Text))).Distinct().Count() >= 360);
        foreach (var channel in Enum.GetValues<Channel>())
            foreach (var tone in Enum.GetValues<Tone>())
                Assert.True(DemoCopyTemplates.Headlines.Where(t => t.Channel == channel && t.Tone == tone).Select(t => Template(Fill(t.Text))).Distinct().Count() >= 25,
                    $"{channel} {tone}");
    }

    [Fact]
    public void Every_channel_and_tone_has_questions_product_led_social_proof_and_seasonal_headlines()
    {
        foreach (var group in DemoCopyTemplates.Headlines.GroupBy(t => (t.Channel, t.Tone)))
            Assert.Superset(new HashSet<string> { "question", "product", "social", "seasonal" }, group.Select(t => t.Structure).ToHashSet());
    }

    [Fact]
    public void The_generated_copy_carries_at_least_300_distinct_headline_templates()
    {
        Assert.Equal(3000, Store.Copy.Count);
        Assert.True(Store.Copy.Select(c => Template(c.Headline)).Distinct().Count() >= 300);
    }

    [Fact]
    public void There_are_at_least_60_bodies_for_emails_and_banners_in_every_tone()
    {
        Assert.True(DemoCopyTemplates.Bodies.Select(b => b.Text).Distinct().Count() >= 60);
        Assert.DoesNotContain(DemoCopyTemplates.Bodies, b => b.Channel == Channel.Push);
        foreach (var channel in new[] { Channel.Email, Channel.OnsiteBanner })
            foreach (var tone in Enum.GetValues<Tone>())
                Assert.Contains(DemoCopyTemplates.Bodies, b => b.Channel == channel && b.Tone == tone);
        Assert.All(DemoCopyTemplates.Bodies, b => Assert.Matches(@"[.!?]$", b.Text));
    }

    [Fact]
    public void Every_template_uses_only_plain_punctuation_once_with_words_and_numbers_apart()
    {
        Assert.All(All, t =>
        {
            Assert.Matches(@"^(?:[\p{L}0-9 .,!?:;'’—%£()-]|\{(?:offer|category|product|name|code|end)\})+$", t.Text);
            Assert.DoesNotMatch(@"([.,!?:;'’—%£()-])\1|[.,!?:;]{2}|\s[.,!?:;)]|\s{2}|^\s|\s$|\p{L}\d|\d\p{L}|\.{3}|…", t.Text);
        });
    }

    [Fact]
    public void Every_template_is_in_sentence_case()
    {
        Assert.All(All, t =>
        {
            var words = Slot().Replace(t.Text, "0").Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                var startsSentence = i == 0 || words[i - 1][^1] is '.' or '!' or '?';
                var first = words[i].TrimStart('(')[0];
                if (startsSentence) Assert.False(char.IsLower(first), $"'{t.Text}' starts a sentence in lower case");
                if (startsSentence && i > 0) Assert.False(first == '0', $"'{t.Text}' starts a sentence with a slot, filled in lower case");
                if (!startsSentence) Assert.False(char.IsUpper(first), $"'{t.Text}' capitalises '{words[i]}' inside a sentence");
            }
        });
    }

    [Fact]
    public void The_customers_name_is_only_in_emails_and_pushes()
    {
        Assert.DoesNotContain(All, t => t.Channel == Channel.OnsiteBanner && t.Text.Contains("{name}", StringComparison.Ordinal));
        Assert.Contains(All, t => t.Text.Contains("{name}", StringComparison.Ordinal));
    }

    [Fact]
    public void Urgency_is_only_in_urgent_copy_and_in_at_most_half_of_it()
    {
        bool ClaimsTime(DemoCopyTemplate t) => Claims(t, ClaimKind.Urgency);
        Assert.DoesNotContain(All, t => t.Tone != Tone.Urgent && ClaimsTime(t));
        var urgent = DemoCopyTemplates.Headlines.Where(t => t.Tone == Tone.Urgent).ToList();
        Assert.InRange(urgent.Count(ClaimsTime), 1, urgent.Count / 2);
    }

    [Fact]
    public void Store_promises_are_in_a_few_bodies_only()
    {
        Assert.DoesNotContain(DemoCopyTemplates.Headlines, t => Claims(t, ClaimKind.StorePromise));
        Assert.InRange(DemoCopyTemplates.Bodies.Count(t => Claims(t, ClaimKind.StorePromise)), 1, 4);
    }

    /// <summary>Whether the line, filled for a two-week 20% off campaign of a store with no policies, makes a claim of this kind.</summary>
    private static bool Claims(DemoCopyTemplate t, ClaimKind kind)
    {
        var now = DemoDatabase.AsOf;
        var terms = new PromotionTerms(PromotionType.PercentDiscount, PercentOff: 20, Code: "SAVE99", EndDate: "Sunday", EndsAt: now.AddDays(14), SendAt: now);
        return TermsChecker.Contradictions(Fill(t.Text, "20% off"), terms, CopyChannel.EmailBody).Any(c => c.Kind == kind);
    }

    [Fact]
    public void Every_line_filled_with_the_longest_names_fits_its_channel()
    {
        foreach (var t in DemoCopyTemplates.Headlines)
            Assert.True(Fill(t.Text).Length <= CopyGuardrails.DefaultLengthLimits[CopyConditions.HeadlineChannel(t.Channel)], $"'{Fill(t.Text)}' is too long for {t.Channel}");
        foreach (var t in DemoCopyTemplates.Bodies)
            Assert.True(Fill(t.Text).Length <= CopyGuardrails.DefaultLengthLimits[t.Channel == Channel.Email ? CopyChannel.EmailBody : CopyChannel.Banner], $"'{Fill(t.Text)}' is too long for {t.Channel}");
    }

    [Fact]
    public void Product_descriptions_are_varied_sentences()
    {
        var descriptions = Store.Products.Select(p => p.Description!).ToList();
        Assert.True(descriptions.Distinct().Count() >= descriptions.Count * 0.95);
        Assert.True(descriptions.Select(d => Template(d)).Distinct().Count() >= descriptions.Count / 2);
        Assert.All(descriptions, d => Assert.Matches(@"^\p{Lu}[\p{L} ,:'&-]+\.(?: \p{Lu}[\p{L} ,:'&-]+\.)?$", d));
    }

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex Slot();
}
