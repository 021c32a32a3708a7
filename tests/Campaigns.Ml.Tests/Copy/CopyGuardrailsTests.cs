using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class CopyGuardrailsTests
{
    [Fact]
    public void A_subject_over_60_characters_and_a_push_over_110_break_the_length_limit()
    {
        var guardrails = new CopyGuardrails();
        Assert.NotEmpty(guardrails.Violations(new string('a', 61), CopyChannel.EmailSubject));
        Assert.Empty(guardrails.Violations(new string('a', 60), CopyChannel.EmailSubject));
        Assert.NotEmpty(guardrails.Violations(new string('a', 111), CopyChannel.Push));
        Assert.Empty(guardrails.Violations(new string('a', 110), CopyChannel.Push));
    }

    [Fact]
    public void Banned_phrases_match_whole_words_in_any_case()
    {
        var guardrails = new CopyGuardrails(["cheap", "act now"]);
        Assert.NotEmpty(guardrails.Violations("CHEAP shoes", CopyChannel.Push));
        Assert.NotEmpty(guardrails.Violations("Act  now? No: act now!", CopyChannel.Push));
        Assert.Empty(guardrails.Violations("Cheapest shoes", CopyChannel.Push));
    }

    [Fact]
    public void A_line_sharing_most_of_its_words_with_a_kept_one_is_a_near_duplicate()
    {
        var guardrails = new CopyGuardrails();
        Assert.True(guardrails.IsNearDuplicate("Last chance: 15% off on shoes!", ["last chance 15% off on shoes"]));
        Assert.False(guardrails.IsNearDuplicate("Your shoes favourites, now 15% off", ["Last chance: 15% off on shoes"]));
    }

    [Fact]
    public void Distinct_2_is_one_for_lines_sharing_no_word_pair_and_lower_for_repeats()
    {
        Assert.Equal(1.0, CopyDiversity.Distinct2(["a b c", "d e f"]));
        Assert.Equal(0.5, CopyDiversity.Distinct2(["a b c", "a b c"]));
    }

    [Fact]
    public void The_diverse_selection_beats_the_first_lines_when_they_repeat_word_pairs()
    {
        string[] texts =
        [
            "Last chance: 20% off on shoes", "Last chance: 20% off on boots", "Last chance: 20% off today",
            "Your favourites are waiting", "Treat yourself this weekend", "Fresh picks just landed",
        ];
        var picked = CopyDiversity.SelectDiverse(texts, 3);
        Assert.Equal([0, 3, 4], picked);
        Assert.True(CopyDiversity.Distinct2(picked.Select(i => texts[i])) > CopyDiversity.Distinct2(texts.Take(3)));
        Assert.Equal(1.0, CopyDiversity.Distinct2(picked.Select(i => texts[i])));
    }

    [Fact]
    public void The_diverse_selection_keeps_every_line_when_there_are_no_more_than_wanted()
    {
        Assert.Equal([0, 1], CopyDiversity.SelectDiverse(["a b", "a b"], 3));
    }
}
