using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Copy;

/// <summary>The trained small demo store, evaluated once (3 candidates per request) with a tone classifier trained on its copy.</summary>
public sealed class EvaluatedCopyDatabase : IAsyncLifetime
{
    public TrainedCopyDatabase Store { get; } = new();
    public CopyEvaluationReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Store.InitializeAsync();
        await using var db = Store.Open();
        var registry = new ModelStore(db);
        var generator = await registry.LoadCopyGeneratorAsync((await registry.CurrentAsync(ModelKind.CopyGenerator))!.Id);
        var ranker = await registry.LoadCtrRankerAsync((await registry.CurrentAsync(ModelKind.CtrRanker))!.Id);
        var corpus = await CopyCorpus.LoadAsync(db);
        var tones = ToneClassifier.Train(corpus.Lines.Where(l => l.Conditions.Channel != CopyChannel.ProductText).ToList(), seed: 3);
        Report = await CopyEvaluation.RunAsync(db, generator, ranker, tones, Store.Promises, count: 3);
    }

    public Task DisposeAsync() => Store.DisposeAsync();
}

public sealed class CopyEvaluationTests(EvaluatedCopyDatabase evaluated) : IClassFixture<EvaluatedCopyDatabase>
{
    private CopyEvaluationReport Report => evaluated.Report;

    /// <summary>The report with every candidate free of problems, so a single problem added is the only one.</summary>
    private CopyEvaluationReport Cleaned => Report with
    {
        Requests = Report.Requests.Select(r => r with { Candidates = r.Candidates.Select(c => c with { Form = [], Claims = [], Length = 0 }).ToList() }).ToList(),
    };

    private static CopyBar Bar(CopyEvaluationReport report, string name) => report.Bars().Single(b => b.Name.StartsWith(name, StringComparison.Ordinal));

    [Fact]
    public async Task Over_a_trained_store_every_campaign_channel_and_tone_is_requested_and_every_figure_computed()
    {
        await using var db = evaluated.Store.Open();
        var campaigns = await db.Campaigns.CountAsync();

        Assert.Equal(campaigns, Report.Campaigns);
        Assert.Equal(campaigns * 3 * Enum.GetValues<Tone>().Length, Report.Requests.Count);
        Assert.True(Report.Candidates > 0);
        Assert.InRange(Report.CleanShare, 0, 1);
        Assert.InRange(Report.ToneAgreement!.Value, 0, 1);
        Assert.InRange(Report.Distinct2Min, 0, Report.Distinct2Mean);
        Assert.InRange(Report.Novelty, 0, 1);
        Assert.True(Report.RegenerateSize > 0);
        Assert.InRange(Report.RegenerateNovelty, 0, 1);
        Assert.InRange(Report.MedianSeconds, double.Epsilon, Report.P95Seconds);
        Assert.All(Report.Requests.SelectMany(r => r.Candidates), c => Assert.NotNull(c.ReadAs));
        Assert.Equal(10, Report.Bars().Count);
        Assert.All(Report.Bars(), b => Assert.False(string.IsNullOrWhiteSpace(b.Figure)));
    }

    [Fact]
    public void A_failing_candidate_is_listed_with_each_of_its_problems()
    {
        var first = Cleaned.Requests[0];
        var broken = first.Candidates[0] with
        {
            Form = [new FormProblem(FormProblemKind.Punctuation, "doubled '..'")],
            Claims = [new Contradiction(ClaimKind.Urgency, "says “ends tonight” but the campaign runs 14 days after the send")],
        };
        var report = Cleaned with { Requests = [first with { Candidates = [broken, .. first.Candidates.Skip(1)] }, .. Cleaned.Requests.Skip(1)] };

        var (request, candidate) = Assert.Single(report.Failing);
        Assert.Same(first.Campaign, request.Campaign);
        Assert.Equal(["doubled '..'", "says “ends tonight” but the campaign runs 14 days after the send"], candidate.Problems);
        Assert.Equal((1, 1, 1), (report.PunctuationProblems, report.UnsupportedClaims, report.UnsupportedUrgency));
    }

    [Fact]
    public void A_malformed_word_misses_its_bar_and_the_clean_share_counts_it()
    {
        Assert.True(Bar(Cleaned, "malformed words").Passed);
        Assert.True(Bar(Cleaned, "candidates free of every problem").Passed);
        var first = Cleaned.Requests[0];
        var malformed = first.Candidates[0] with { Form = [new FormProblem(FormProblemKind.MalformedWord, "'offsitewIDe' is not a word")] };
        var report = Cleaned with { Requests = [first with { Candidates = [malformed, .. first.Candidates.Skip(1)] }, .. Cleaned.Requests.Skip(1)] };

        Assert.False(Bar(report, "malformed words").Passed);
        Assert.Equal("1", Bar(report, "malformed words").Figure);
        Assert.Equal(1 - 1.0 / report.Candidates, report.CleanShare, 9);
    }

    [Fact]
    public void A_raw_slot_misses_its_bar_but_is_not_an_unsupported_claim()
    {
        var first = Cleaned.Requests[0];
        var raw = first.Candidates[0] with { Claims = [new Contradiction(ClaimKind.Slot, "shows the raw slot {name}")] };
        var report = Cleaned with { Requests = [first with { Candidates = [raw, .. first.Candidates.Skip(1)] }, .. Cleaned.Requests.Skip(1)] };

        Assert.False(Bar(report, "raw slots").Passed);
        Assert.True(Bar(report, "unsupported claims").Passed);
    }

    [Fact]
    public void Without_a_tone_classifier_the_tone_bar_is_missed_and_says_why()
    {
        var bar = Bar(Report with { ToneMeasured = false }, "tone agreement");

        Assert.False(bar.Passed);
        Assert.Contains("no tone classifier", bar.Figure);
    }
}
