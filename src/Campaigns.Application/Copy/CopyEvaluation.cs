using System.Diagnostics;
using Campaigns.Data;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>
/// Suggests copy for every campaign × email subject, push and banner × tone, as the app does, and checks each candidate
/// as a careful marketer would read it: its form (<see cref="CopyForm"/>, against the database's corpus and names),
/// its claims (<see cref="TermsChecker"/>), its length, its tone (the tone classifier's reading), and whether it is new;
/// then regenerates each request with its lines shown, as the app's "Regenerate" does, to measure how many lines are new.
/// </summary>
public static class CopyEvaluation
{
    /// <summary>The channels headlines are suggested for.</summary>
    public static readonly IReadOnlyList<CopyChannel> Channels = [CopyChannel.EmailSubject, CopyChannel.Push, CopyChannel.Banner];

    /// <param name="tones">The tone classifier that reads each candidate's tone; null: tone agreement is not measured.</param>
    /// <param name="evaluated">Called after each request (the CLI prints progress with it).</param>
    public static async Task<CopyEvaluationReport> RunAsync(CampaignsDbContext db, CopyGenerator generator, CtrRanker ranker, ToneClassifier? tones,
        StorePromises promises, int count, Action<EvaluatedRequest>? evaluated = null, CancellationToken ct = default)
    {
        var corpus = await CopyCorpus.LoadAsync(db, ct);
        var vocabulary = CopyVocabulary.From(corpus.Lines.Select(l => l.Text), corpus.Lexicon);
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Name).ToListAsync(ct);
        var guardrails = new CopyGuardrails();
        var requests = new List<EvaluatedRequest>();
        var seed = 1;
        foreach (var campaign in campaigns)
        {
            // As written before launch: the demo's campaigns have mostly ended, and urgency is judged from the send.
            var terms = await CopySuggester.TermsAsync(db, campaign, null, promises, campaign.StartsAt, ct);
            foreach (var channel in Channels)
                foreach (var tone in Enum.GetValues<Tone>())
                {
                    ct.ThrowIfCancellationRequested();
                    var conditions = new CopyConditions(channel, campaign.Promotion.KnownType, terms.Category, tone);
                    var clock = Stopwatch.StartNew();
                    var (result, ranked) = CopySuggester.Suggest(generator, ranker, conditions, terms, new GenerationOptions(count, Seed: seed++), guardrails, out var generating);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var texts = ranked.Select(r => r.Candidate.Text).ToList();
                    var read = tones?.Predict(texts);
                    var checks = texts.Select((text, i) => new CandidateCheck(text, CopyForm.Problems(text, vocabulary, terms), TermsChecker.Contradictions(text, terms, channel),
                        text.Length, guardrails.LengthLimit(channel), read?[i].Tone, !generator.IsTrainingLine(text))).ToList();
                    var (again, _) = CopySuggester.Suggest(generator, ranker, conditions, terms, new GenerationOptions(count, Seed: seed++, Shown: texts), guardrails);
                    var first = texts.ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var request = new EvaluatedRequest(campaign.Name, channel, tone, checks, result.Samples, seconds, generating.TotalSeconds, result.Dropped,
                        result.TimedOut, result.NovelShare, again.Candidates.Count, again.Candidates.Count(c => !first.Contains(c.Text)));
                    requests.Add(request);
                    evaluated?.Invoke(request);
                }
        }
        return new CopyEvaluationReport(campaigns.Count, count, requests, generator.Metrics, ranker.Metrics, tones is not null);
    }
}
