using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class CopyFormTests
{
    private static readonly CopyVocabulary Vocabulary = CopyVocabulary.From(
    [
        "15% off sitewide ends soon",
        "Only today: free shipping on everything",
        "Because you deserve it, 15% off",
        "Shop women's fashion now!",
        "Use code {code} at checkout.",
        "Enjoy 15% off your next order",
        "Hi [First name], treat yourself",
        "Save £10 on shoes over £50 and more",
        "Hurry, it ends soon until midnight",
    ], CopyTestData.Lexicon);

    private static readonly PromotionTerms Terms = CopyTestData.Percent(15, "RESET15");

    private static IReadOnlyList<FormProblem> Check(string text) => CopyForm.Problems(text, Vocabulary, Terms);

    /// <summary>Asserts the line has a problem of that kind whose reason names the word or mark.</summary>
    private static void Flagged(FormProblemKind kind, string named, string text) =>
        Assert.Contains(Check(text), p => p.Kind == kind && p.Reason.Contains(named, StringComparison.Ordinal));

    [Theory]
    [InlineData("15% off sitewide ends soon")]
    [InlineData("Because you deserve it, use code RESET15 at checkout.")]
    [InlineData("Hi [First name], 15% off shoes ends 30 November")]
    [InlineData("Shop Chelsea Boots: save £10 on shoes!")]
    [InlineData("Enjoy 15% off women's fashion, only today")]
    public void Well_formed_lines_have_no_problem(string text) => Assert.Empty(Check(text));

    [Theory]
    [InlineData("15% off offsitewIDe", "offsitewIDe")]
    [InlineData("OnlY today: free shipping", "OnlY")]
    [InlineData("BecaUse you deserve it", "BecaUse")]
    [InlineData("Shop women's fashionShelf now", "fashionShelf")]
    [InlineData("Shop livingshELF now", "livingshELF")]
    public void A_word_glued_from_pieces_or_with_random_casing_is_malformed_and_named(string text, string word) =>
        Flagged(FormProblemKind.MalformedWord, $"'{word}' is not a word", text);

    [Fact]
    public void A_word_is_well_formed_capitalised_anywhere_and_in_lower_case_when_the_corpus_capitalises_it_only_to_start_a_sentence()
    {
        Assert.True(Vocabulary.IsKnown("Sitewide"));
        Assert.True(Vocabulary.IsKnown("because"));
        Assert.False(Vocabulary.IsKnown("sHop"));
    }

    [Fact]
    public void The_campaigns_own_names_are_words() => Assert.Empty(Check("Chelsea Boots and shoes: code RESET15 until 30 November"));

    [Theory]
    [InlineData("Use code RESET15 at checkout..", "doubled '..'")]
    [InlineData("Hurry,, 15% off ends soon", "doubled ',,'")]
    [InlineData("15% off ends soon?.", "doubled '?.'")]
    public void Doubled_marks_are_punctuation_problems(string text, string reason) => Flagged(FormProblemKind.Punctuation, reason, text);

    [Fact]
    public void A_space_before_a_mark_is_a_punctuation_problem()
    {
        Flagged(FormProblemKind.Punctuation, "space before ','", "Hurry , 15% off ends soon");
        Assert.Empty(Check("Hurry, 15% off ends soon"));
    }

    [Fact]
    public void No_space_after_a_comma_or_colon_is_a_punctuation_problem_but_numbers_keep_theirs()
    {
        Flagged(FormProblemKind.Punctuation, "no space after ':'", "Only today:free shipping");
        Assert.Empty(Check("Save £10 on shoes over £1,000"));
    }

    [Fact]
    public void A_word_glued_to_a_number_is_a_punctuation_problem_but_codes_and_amounts_are_not()
    {
        Flagged(FormProblemKind.Punctuation, "'Enjoy15' glues a word to a number", "Enjoy15% off");
        Assert.Empty(Check("Enjoy 15% off, save £10, code SAVE15"));
    }

    [Fact]
    public void Stray_symbols_are_punctuation_problems()
    {
        Flagged(FormProblemKind.Punctuation, "stray symbol '='", "15% off = yes");
        Flagged(FormProblemKind.Punctuation, "stray symbol '#'", "Shop #shoes now");
        Assert.Empty(Check("15% off shoes & more (only today)"));
    }

    [Fact]
    public void Unbalanced_brackets_and_quotes_are_punctuation_problems()
    {
        Flagged(FormProblemKind.Punctuation, "unbalanced '('", "15% off (only today");
        Flagged(FormProblemKind.Punctuation, "unbalanced quote", "\"Treat yourself, 15% off");
        Assert.Empty(Check("\"Treat yourself\" (15% off)"));
    }

    [Fact]
    public void A_line_must_start_with_a_capital_or_a_number_and_not_end_in_a_comma_colon_or_dash()
    {
        Flagged(FormProblemKind.Punctuation, "starts with 'f'", "free shipping on everything");
        Flagged(FormProblemKind.Punctuation, "ends with ':'", "Only today:");
        Flagged(FormProblemKind.Punctuation, "ends with '-'", "15% off shoes -");
        Assert.Empty(Check("£10 off shoes\n15% off sitewide ends soon"));
    }

    [Fact]
    public void A_raw_slot_is_left_to_the_terms_checker() =>
        Assert.DoesNotContain(Check("Hi {name}, 15% off ends soon"), p => p.Reason.Contains('{'));
}
