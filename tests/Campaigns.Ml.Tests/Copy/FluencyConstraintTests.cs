using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class FluencyConstraintTests
{
    private static readonly string[] Lines = ["Last chance: {discount} on {category}", "Hurry, {discount} ends soon", "Your {category} favourites, now {discount}"];

    private static HashSet<(string, string)> Pairs()
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var line in Lines)
        {
            var previous = "<s>";
            foreach (var word in CopyGenerator.FluencyPattern().Matches(line.ToLowerInvariant()).Select(m => m.Value).Append("</s>"))
            {
                pairs.Add((previous, word));
                previous = word;
            }
        }
        return pairs;
    }

    [Fact]
    public void Only_tokens_that_keep_every_word_pair_seen_are_allowed_and_the_end_only_after_a_word_that_ends_a_line()
    {
        var tokenizer = BpeTokenizer.Train(Lines.Concat(Lines), [], 120);
        var constraint = new FluencyConstraint(Pairs(), tokenizer);
        var state = FluencyConstraint.Empty;
        foreach (var id in tokenizer.Encode("Hurry, {discount}"))
        {
            Assert.Contains(id, constraint.Allowed(state));
            Assert.DoesNotContain(tokenizer.EosId, constraint.Allowed(state));
            state = constraint.Advance(state, id);
        }
        var allowed = constraint.Allowed(state).Select(tokenizer.TokenText).ToHashSet();
        // After "hurry, {discount}" a training line goes on with " ends" (or a piece of it); " on" follows {discount} elsewhere.
        Assert.Contains(allowed, t => " ends".StartsWith(t, StringComparison.Ordinal));
        Assert.Contains(allowed, t => " on".StartsWith(t, StringComparison.Ordinal));
        Assert.DoesNotContain(allowed, t => t.Trim().StartsWith("soon", StringComparison.Ordinal) || t.Trim().StartsWith("last", StringComparison.Ordinal));
        Assert.Contains(tokenizer.EosId, constraint.Allowed(state)); // "now {discount}" ends a line, so {discount} may end one
        Assert.DoesNotContain(constraint.Allowed(state), id => string.IsNullOrWhiteSpace(tokenizer.TokenText(id)) && id != tokenizer.EosId);
    }

    [Fact]
    public void Every_allowed_token_leads_to_a_text_whose_final_word_pairs_were_all_seen()
    {
        var tokenizer = BpeTokenizer.Train(Lines.Concat(Lines), [], 120);
        var pairs = Pairs();
        var constraint = new FluencyConstraint(pairs, tokenizer);
        var random = new Random(1);
        for (var line = 0; line < 50; line++)
        {
            var state = FluencyConstraint.Empty;
            var text = "";
            for (var step = 0; step < 20; step++)
            {
                var allowed = constraint.Allowed(state);
                if (allowed.Length == 0) break;
                var id = allowed[random.Next(allowed.Length)];
                if (id == tokenizer.EosId)
                {
                    var words = CopyGenerator.FluencyPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Prepend("<s>").Append("</s>").ToList();
                    Assert.All(words.Zip(words.Skip(1)), pair => Assert.Contains(pair, pairs));
                    break;
                }
                text += tokenizer.TokenText(id);
                state = constraint.Advance(state, id);
                var final = CopyGenerator.FluencyPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).SkipLast(1).Prepend("<s>").ToList();
                Assert.All(final.Zip(final.Skip(1)), pair => Assert.Contains(pair, pairs));
            }
        }
    }
}
