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
            EmbeddingSize = 24, Hidden = 48, Epochs = 12, BatchSize = 32, LearningRate = 1e-2, Threads = 1, Patience = 3,
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
        var options = new GenerationOptions(Count: 5, Seed: 7, MaxSamples: 256, TimeBudgetSeconds: null);
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
        var result = _generator.Generate(Push with { Channel = CopyChannel.EmailSubject }, terms, new GenerationOptions(Count: 8, Seed: 3, MaxSamples: 512, TimeBudgetSeconds: null), guardrails);
        Assert.NotEmpty(result.Candidates);
        var texts = result.Candidates.Select(c => c.Text).ToList();
        Assert.All(result.Candidates, c =>
        {
            Assert.False(_generator.IsTrainingLine(c.Text), c.Text);
            Assert.True(_generator.IsSupported(c.Template), c.Template);
            Assert.Empty(TermsChecker.Contradictions(c.Text, terms, CopyChannel.EmailSubject));
            Assert.Empty(guardrails.Violations(c.Text, CopyChannel.EmailSubject));
            Assert.False(guardrails.IsNearDuplicate(c.Text, texts.Where(t => t != c.Text)), c.Text);
        });
    }

    [Fact]
    public void Every_sample_finishes_as_a_new_line_because_only_words_that_continue_the_corpus_are_drawn()
    {
        var result = _generator.Generate(Push, CopyTestData.Percent(15),
            new GenerationOptions(Count: 50, Seed: 5, MaxSamples: 512, PoolFactor: 1, EnoughDistinct2: null, TimeBudgetSeconds: null), new CopyGuardrails());
        Assert.Equal(512, result.Samples);
        Assert.False(result.Dropped.ContainsKey("unfinished"), string.Join(", ", result.Dropped));
        Assert.False(result.Dropped.ContainsKey("verbatim training line"), string.Join(", ", result.Dropped));
        Assert.NotEmpty(result.Candidates);
    }

    [Fact]
    public void Lines_are_recombined_only_from_lines_of_the_tone_asked_for()
    {
        var options = new GenerationOptions(Count: 20, Seed: 17, MaxSamples: 512, PoolFactor: 1, EnoughDistinct2: null, TimeBudgetSeconds: null);
        string[] friendlyOnly = ["picked", "favourites", "little", "something"];
        string[] urgentOnly = ["hurry", "chance", "hours", "soon"];

        var urgent = _generator.Generate(Push, CopyTestData.Percent(15), options, new CopyGuardrails());
        var friendly = _generator.Generate(Push with { Tone = Tone.Friendly }, CopyTestData.Percent(15), options, new CopyGuardrails());

        Assert.NotEmpty(urgent.Candidates);
        Assert.NotEmpty(friendly.Candidates);
        Assert.All(urgent.Candidates, c => Assert.DoesNotContain(CopyGuardrails.Words(c.Text), w => friendlyOnly.Contains(w)));
        Assert.All(friendly.Candidates, c => Assert.DoesNotContain(CopyGuardrails.Words(c.Text), w => urgentOnly.Contains(w)));
    }

    [Fact]
    public void Regenerating_with_the_lines_shown_gives_only_new_lines_and_says_what_it_left_out()
    {
        var first = _generator.Generate(Push, CopyTestData.Percent(15), new GenerationOptions(Count: 3, Seed: 1, MaxSamples: 512, TimeBudgetSeconds: null), new CopyGuardrails());
        var shown = first.Candidates.Select(c => c.Text).ToList();

        var again = _generator.Generate(Push, CopyTestData.Percent(15),
            new GenerationOptions(Count: 3, Seed: 1, MaxSamples: 512, TimeBudgetSeconds: null, Shown: shown), new CopyGuardrails());

        Assert.NotEmpty(shown);
        Assert.DoesNotContain(again.Candidates, c => shown.Contains(c.Text, StringComparer.OrdinalIgnoreCase));
        Assert.True(again.Dropped.GetValueOrDefault("shown before") > 0, string.Join(", ", again.Dropped));
    }

    [Fact]
    public void Urgency_a_two_week_campaign_does_not_support_is_dropped_with_the_reason()
    {
        var terms = CopyTestData.TwoWeeks(15);
        var result = _generator.Generate(Push, terms,
            new GenerationOptions(Count: 20, Seed: 11, MaxSamples: 512, PoolFactor: 1, EnoughDistinct2: null, TimeBudgetSeconds: null), new CopyGuardrails());
        Assert.True(result.Dropped.GetValueOrDefault($"unsupported {ClaimKind.Urgency}") > 0, string.Join(", ", result.Dropped));
        Assert.All(result.Candidates, c => Assert.Empty(TermsChecker.Contradictions(c.Text, terms, Push.Channel)));
    }

    [Fact]
    public void A_slot_the_promotion_cannot_fill_is_never_drawn()
    {
        var noCategory = CopyTestData.Percent(15) with { Category = null };
        var result = _generator.Generate(Push, noCategory,
            new GenerationOptions(Count: 50, Seed: 9, MaxSamples: 256, PoolFactor: 1, EnoughDistinct2: null, TimeBudgetSeconds: null), new CopyGuardrails());
        Assert.False(result.Dropped.ContainsKey("slot the promotion cannot fill"), string.Join(", ", result.Dropped));
        Assert.NotEmpty(result.Candidates);
        Assert.DoesNotContain(result.Candidates, c => c.Template.Contains(Slots.Category));
    }

    [Fact]
    public void Choosing_from_a_larger_pool_gives_candidates_with_no_fewer_distinct_word_pairs_than_the_first_ones_found()
    {
        GenerationResult Run(int poolFactor) => _generator.Generate(Push, CopyTestData.Percent(15),
            new GenerationOptions(Count: 2, Seed: 13, MaxSamples: 1024, PoolFactor: poolFactor, EnoughDistinct2: null, TimeBudgetSeconds: null), new CopyGuardrails());
        var first = Run(1);
        var chosen = Run(4);
        Assert.Equal(2, chosen.Candidates.Count);
        Assert.True(chosen.Dropped.GetValueOrDefault("less diverse than the chosen") > 0, string.Join(", ", chosen.Dropped));
        Assert.True(CopyDiversity.Distinct2(chosen.Candidates.Select(c => c.Text)) >= CopyDiversity.Distinct2(first.Candidates.Select(c => c.Text)),
            $"{string.Join(" | ", chosen.Candidates.Select(c => c.Text))} against {string.Join(" | ", first.Candidates.Select(c => c.Text))}");
    }

    [Fact]
    public void Sampling_stops_when_the_time_budget_is_spent_and_returns_what_passed_by_then()
    {
        var options = new GenerationOptions(Count: 5, Seed: 7, MaxSamples: 1024, PoolFactor: 20, EnoughDistinct2: null, TimeBudgetSeconds: null);
        var unlimited = _generator.Generate(Push, CopyTestData.Percent(15), options, new CopyGuardrails());
        Assert.True(unlimited.Samples > options.BatchSize);
        Assert.False(unlimited.TimedOut);

        // A clock that moves a tenth of a second at every reading: the budget of one second is spent within the first batch.
        var limited = _generator.Generate(Push, CopyTestData.Percent(15), options with { TimeBudgetSeconds = 1 }, new CopyGuardrails(), new SteppingClock(0.1));
        Assert.True(limited.TimedOut);
        Assert.Equal(options.BatchSize, limited.Samples);
        Assert.True(limited.Dropped.GetValueOrDefault("out of time") > 0);
        Assert.All(limited.Candidates, c => Assert.False(_generator.IsTrainingLine(c.Text), c.Text));
    }

    [Fact]
    public void A_budget_that_is_not_reached_changes_nothing()
    {
        var options = new GenerationOptions(Count: 5, Seed: 21, MaxSamples: 512, TimeBudgetSeconds: null);
        var unlimited = _generator.Generate(Push, CopyTestData.Percent(15), options, new CopyGuardrails());
        var budgeted = _generator.Generate(Push, CopyTestData.Percent(15), options with { TimeBudgetSeconds = 1e6 }, new CopyGuardrails(), new SteppingClock(0.1));
        Assert.Equal(unlimited.Candidates, budgeted.Candidates);
        Assert.False(budgeted.TimedOut);
    }

    /// <summary>A clock that advances by a fixed step each time it is read.</summary>
    private sealed class SteppingClock(double secondsPerReading) : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Add(ref _ticks, (long)(secondsPerReading * TimeSpan.TicksPerSecond));
    }

    [Fact]
    public void A_saved_generator_loads_with_the_same_metrics_and_generates_the_same_candidates()
    {
        using var stream = new MemoryStream();
        _generator.Save(stream);
        stream.Position = 0;
        using var loaded = CopyGenerator.Load(stream);
        Assert.Equal(_generator.Metrics, loaded.Metrics);
        var options = new GenerationOptions(Count: 4, Seed: 11, MaxSamples: 256, TimeBudgetSeconds: null);
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
