using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class BpeTokenizerTests
{
    private static readonly string[] Corpus =
        ["Last chance: {discount} on {category}", "Hurry, {discount} ends soon", "We picked these {category} for you", "Use code {code} at checkout."];

    [Fact]
    public void Decoding_the_encoding_gives_back_the_text_exactly()
    {
        var tokenizer = BpeTokenizer.Train(Corpus, ["Shoes"], 120);
        foreach (var text in Corpus.Append("Hurry: {discount} on {category}, for you  at checkout"))
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Slots_are_single_tokens_and_frequent_words_become_single_tokens()
    {
        var tokenizer = BpeTokenizer.Train(Corpus.Concat(Corpus).Concat(Corpus), [], 200);
        var ids = tokenizer.Encode("Hurry, {discount} on {category}");
        Assert.Contains(ids, id => tokenizer.TokenText(id) == " {discount}");
        Assert.Contains(ids, id => tokenizer.TokenText(id) == " {category}");
        Assert.Contains(ids, id => tokenizer.TokenText(id) == "Hurry");
    }

    [Fact]
    public void Characters_never_seen_become_the_unknown_token()
    {
        var tokenizer = BpeTokenizer.Train(Corpus, [], 80);
        Assert.Contains(tokenizer.UnknownId, tokenizer.Encode("Zq€"));
    }

    [Fact]
    public void A_tokenizer_read_back_from_json_encodes_the_same_way()
    {
        var tokenizer = BpeTokenizer.Train(Corpus, ["Shoes"], 150);
        var copy = BpeTokenizer.FromJson(tokenizer.ToJson());
        Assert.Equal(tokenizer.VocabularySize, copy.VocabularySize);
        Assert.Equal(tokenizer.Encode(Corpus[0]), copy.Encode(Corpus[0]));
    }
}
