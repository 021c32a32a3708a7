using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class WordTokenizerTests
{
    private static readonly string[] Corpus =
    [
        "Last chance: {discount} on {category}!", "Don't miss our best-loved {category}.", "Shop the Christmas edit. Ends {end_date}.",
        "Is it time for new {category}?", "{name}, your VIP preview starts now", "Treat yourself (you deserve it)", "Shop now, save later", "Psst... {discount} inside",
    ];

    [Fact]
    public void Decoding_the_encoding_gives_back_each_line_typeset_as_written()
    {
        var tokenizer = WordTokenizer.Train(Corpus, ["Shoes"]);

        Assert.All(Corpus, line => Assert.Equal(line, tokenizer.Decode(tokenizer.Encode(line))));
    }

    [Fact]
    public void Words_are_whole_with_the_corpus_casing_and_sentences_are_capitalized_when_decoded()
    {
        var tokenizer = WordTokenizer.Train(Corpus, []);

        Assert.Contains("Christmas", tokenizer.Words);
        Assert.Contains("VIP", tokenizer.Words);
        Assert.Contains("shop", tokenizer.Words); // only ever at a sentence start: its capital belongs to the sentence
        Assert.Contains("best-loved", tokenizer.Words);
        Assert.Contains("don't", tokenizer.Words);
        Assert.DoesNotContain("Shop", tokenizer.Words);
        // Recombined: marks against the word before them, a capital after a full stop, none after a comma.
        var ids = tokenizer.Encode("shop now, shop the christmas edit . don't miss it");
        Assert.DoesNotContain(tokenizer.UnknownId, ids);
        Assert.Equal("Shop now, shop the Christmas edit. Don't miss it", tokenizer.Decode(ids));
    }

    [Fact]
    public void Words_outside_the_corpus_are_unknown_and_slots_are_single_tokens()
    {
        var tokenizer = WordTokenizer.Train(Corpus, []);

        var ids = tokenizer.Encode("Last chance: {discount} offsitewide");
        Assert.Equal(5, ids.Length);
        Assert.Equal(tokenizer.SlotId(Slots.Discount), ids[3]);
        Assert.Equal(tokenizer.UnknownId, ids[4]);
    }

    [Fact]
    public void A_tokenizer_read_back_from_json_encodes_and_decodes_the_same_way()
    {
        var tokenizer = WordTokenizer.Train(Corpus, ["Shoes"]);
        var copy = WordTokenizer.FromJson(tokenizer.ToJson());

        Assert.Equal(tokenizer.VocabularySize, copy.VocabularySize);
        Assert.All(Corpus, line => Assert.Equal(tokenizer.Encode(line), copy.Encode(line)));
        Assert.All(Corpus, line => Assert.Equal(line, copy.Decode(copy.Encode(line))));
    }
}
