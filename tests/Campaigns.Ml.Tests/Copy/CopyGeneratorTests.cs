using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;

namespace Campaigns.Ml.Tests.Copy;

public sealed class CopyGeneratorTests : IClassFixture<CopyGeneratorTests.Trained>
{
    /// <summary>One small generator trained once for the class (a few seconds on one thread).</summary>
    public sealed class Trained : IDisposable
    {
        public Trained()
        {
            TorchRuntime.EnsureLoaded();
            Generator = CopyGenerator.Train(CopyTestData.TinyCorpus(400, seed: 3), CopyTestData.Lexicon, Options);
        }

        public static CopyGeneratorOptions Options => new()
        {
            VocabularySize = 150, EmbeddingSize = 24, Hidden = 48, Epochs = 12, BatchSize = 32, LearningRate = 1e-2, Threads = 1, Patience = 3,
        };

        public CopyGenerator Generator { get; }

        public void Dispose() => Generator.Dispose();
    }

    private readonly CopyGenerator _generator;

    public CopyGeneratorTests(Trained trained) => _generator = trained.Generator;

    private static readonly CopyConditions Push = new(CopyChannel.Push, PromotionType.PercentDiscount, "Shoes", Tone.Urgent);

    [Fact]
    public void Training_on_a_tiny_corpus_brings_held_out_perplexity_well_below_the_unigram_baseline()
    {
        var m = _generator.Metrics;
        Assert.True(m.TestPerplexity < m.UnigramPerplexity / 3, $"perplexity {m.TestPerplexity:0.00}, unigram {m.UnigramPerplexity:0.00}");
        Assert.True(m.TestPerplexity <= m.BigramPerplexity * 1.05, $"perplexity {m.TestPerplexity:0.00}, bigram {m.BigramPerplexity:0.00}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_candidates()
    {
        var options = new GenerationOptions(Count: 5, Seed: 7, MaxSamples: 256);
        var first = _generator.Generate(Push, CopyTestData.Percent(15), options, new CopyGuardrails());
        var second = _generator.Generate(Push, CopyTestData.Percent(15), options, new CopyGuardrails());
        Assert.Equal(first.Candidates.Select(c => c.Text), second.Candidates.Select(c => c.Text));
        Assert.Equal(first.Samples, second.Samples);
    }

    [Fact]
    public void Candidates_are_novel_fluent_true_to_the_terms_within_the_limit_and_not_near_duplicates()
    {
        var guardrails = new CopyGuardrails(["hurry"]);
        var terms = CopyTestData.Percent(25);
        var result = _generator.Generate(Push with { Channel = CopyChannel.EmailSubject }, terms, new GenerationOptions(Count: 8, Seed: 3, MaxSamples: 512), guardrails);
        Assert.NotEmpty(result.Candidates);
        var texts = result.Candidates.Select(c => c.Text).ToList();
        Assert.All(result.Candidates, c =>
        {
            Assert.False(_generator.IsTrainingLine(c.Text), c.Text);
            Assert.True(_generator.IsFluent(c.Template), c.Template);
            Assert.Empty(TermsChecker.Contradictions(c.Text, terms));
            Assert.Empty(guardrails.Violations(c.Text, CopyChannel.EmailSubject));
            Assert.False(guardrails.IsNearDuplicate(c.Text, texts.Where(t => t != c.Text)), c.Text);
        });
    }

    [Fact]
    public void A_saved_generator_loads_with_the_same_metrics_and_generates_the_same_candidates()
    {
        using var stream = new MemoryStream();
        _generator.Save(stream);
        stream.Position = 0;
        using var loaded = CopyGenerator.Load(stream);
        Assert.Equal(_generator.Metrics, loaded.Metrics);
        var options = new GenerationOptions(Count: 4, Seed: 11, MaxSamples: 256);
        Assert.Equal(_generator.Generate(Push, CopyTestData.Percent(15), options, new CopyGuardrails()).Candidates,
            loaded.Generate(Push, CopyTestData.Percent(15), options, new CopyGuardrails()).Candidates);
    }

    [Fact]
    public void A_file_that_is_not_a_generator_is_rejected_with_a_clear_message()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CopyGenerator.Load(new MemoryStream([1, 2, 3])));
        Assert.Contains("not a zip", ex.Message);
    }
}
