using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class ToneClassifierTests
{
    private static readonly Dictionary<Tone, string[]> Words = new()
    {
        [Tone.Urgent] = ["hurry", "now", "last", "ends", "tonight", "quick"],
        [Tone.Friendly] = ["hello", "friend", "enjoy", "thanks", "together", "welcome"],
        [Tone.Premium] = ["exclusive", "refined", "curated", "luxury", "crafted", "elegant"],
        [Tone.Playful] = ["yay", "fun", "oops", "wink", "party", "giggle"],
    };

    /// <summary>Lines of a tone's own words mixed with shared ones, so only the tone words tell the tones apart.</summary>
    private static List<CopyLine> Synthetic(int perTone, int seed)
    {
        var random = new Random(seed);
        string[] shared = ["shoes", "sale", "off", "your", "the", "home", "style"];
        return Words.SelectMany(t => Enumerable.Range(0, perTone).Select(_ =>
        {
            var words = Enumerable.Range(0, 2).Select(_ => t.Value[random.Next(t.Value.Length)])
                .Concat(Enumerable.Range(0, 3).Select(_ => shared[random.Next(shared.Length)])).OrderBy(_ => random.Next());
            return new CopyLine(string.Join(' ', words), new CopyConditions(CopyChannel.Push, PromotionType.PercentDiscount, null, t.Key));
        })).ToList();
    }

    [Fact]
    public void Where_each_tone_has_its_own_words_the_classifier_tells_them_apart_on_held_out_lines()
    {
        var classifier = ToneClassifier.Train(Synthetic(60, 1), seed: 7);

        var m = classifier.Metrics;
        Assert.True(m.MacroAccuracy > 0.9, $"macro accuracy {m.MacroAccuracy:0.000}");
        Assert.Equal(0.25, m.ChanceMacroAccuracy);
        Assert.Equal(m.TestLines, m.Confusion.Values.Sum(row => row.Values.Sum()));
        Assert.Equal(Enum.GetValues<Tone>(), m.Confusion.Keys.Order());
        var predictions = classifier.Predict(["hurry it ends tonight", "exclusive and refined", "hello friend enjoy", "yay party fun"]);
        Assert.Equal([Tone.Urgent, Tone.Premium, Tone.Friendly, Tone.Playful], predictions.Select(p => p.Tone));
        Assert.All(predictions, p => Assert.InRange(p.Probability, 0.4, 1));
    }

    [Fact]
    public void A_saved_classifier_loads_and_predicts_the_same()
    {
        var classifier = ToneClassifier.Train(Synthetic(15, 2), seed: 3);
        using var stream = new MemoryStream();
        classifier.Save(stream);
        stream.Position = 0;

        var loaded = ToneClassifier.Load(stream);

        string[] lines = ["last quick sale", "curated style for your home"];
        Assert.Equal(classifier.Predict(lines), loaded.Predict(lines));
        Assert.Equal(classifier.Metrics.MacroAccuracy, loaded.Metrics.MacroAccuracy);
        Assert.Equal(classifier.Metrics.Confusion[Tone.Urgent][Tone.Urgent], loaded.Metrics.Confusion[Tone.Urgent][Tone.Urgent]);
    }

    [Fact]
    public void A_file_that_is_not_a_tone_classifier_does_not_load()
    {
        var error = Assert.Throws<InvalidDataException>(() => ToneClassifier.Load(new MemoryStream([1, 2, 3])));
        Assert.Contains("Not a tone classifier", error.Message);
    }
}
