using System.Globalization;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>
/// What <see cref="CopyEvaluation"/> measured: every request's checked candidates, the models' held-out metrics, and
/// every figure computed from them, so a report with other requests has other figures.
/// </summary>
/// <param name="Count">Candidates asked for per request.</param>
/// <param name="ToneMeasured">False when no tone classifier was there to read the candidates' tone.</param>
public sealed record CopyEvaluationReport(int Campaigns, int Count, IReadOnlyList<EvaluatedRequest> Requests, CopyGeneratorMetrics Generator,
    CtrRankerMetrics Ranker, bool ToneMeasured)
{
    private IEnumerable<CandidateCheck> All => Requests.SelectMany(r => r.Candidates);

    public int Candidates => All.Count();
    public int FullRequests => Requests.Count(r => r.Candidates.Count == Count);
    public int TimedOut => Requests.Count(r => r.TimedOut);
    public double CleanShare => Share(All.Count(c => c.Clean), Candidates);
    public int MalformedWords => All.Sum(c => c.Form.Count(f => f.Kind == FormProblemKind.MalformedWord));
    public int PunctuationProblems => All.Sum(c => c.Form.Count(f => f.Kind == FormProblemKind.Punctuation));
    public int RawSlots => All.Sum(c => c.Claims.Count(k => k.Kind == ClaimKind.Slot));
    /// <summary>Statements the campaign does not support: every kind but slots (urgency included).</summary>
    public int UnsupportedClaims => All.Sum(c => c.Claims.Count(k => k.Kind != ClaimKind.Slot));
    public int UnsupportedUrgency => All.Sum(c => c.Claims.Count(k => k.Kind == ClaimKind.Urgency));
    public int TooLong => All.Count(c => c.TooLong);
    /// <summary>Share of candidates whose tone, as the classifier reads it, is the one asked for; null when not measured.</summary>
    public double? ToneAgreement => ToneMeasured ? Share(Requests.Sum(r => r.Candidates.Count(c => c.ReadAs == r.Tone)), Candidates) : null;
    /// <summary>Tone agreement per requested tone, and what the others read as: where the generator strays.</summary>
    public IReadOnlyList<(Domain.Copy.Tone Tone, double Agreement, IReadOnlyDictionary<Domain.Copy.Tone, int> ReadAs)> ToneByTone => !ToneMeasured ? []
        : Requests.GroupBy(r => r.Tone).OrderBy(g => g.Key).Select(g =>
        {
            var read = g.SelectMany(r => r.Candidates).Where(c => c.ReadAs is not null).ToList();
            return (g.Key, Share(read.Count(c => c.ReadAs == g.Key), g.Sum(r => r.Candidates.Count)),
                (IReadOnlyDictionary<Domain.Copy.Tone, int>)read.GroupBy(c => c.ReadAs!.Value).ToDictionary(t => t.Key, t => t.Count()));
        }).ToList();
    public double Distinct2Mean => Requests.Count == 0 ? 0 : Requests.Average(r => r.Distinct2);
    public double Distinct2Min => Requests.Count == 0 ? 0 : Requests.Min(r => r.Distinct2);
    /// <summary>Share of candidates that are not training lines.</summary>
    public double Novelty => Share(All.Count(c => c.Novel), Candidates);
    public double NovelSamples => Requests.Count == 0 ? 0 : Requests.Average(r => r.NovelSamples);
    /// <summary>Share of the regenerated lines not among the first request's.</summary>
    public double RegenerateNovelty => Share(Requests.Sum(r => r.RegeneratedNew), Requests.Sum(r => r.Regenerated));
    public double RegenerateSize => Requests.Count == 0 ? 0 : Requests.Average(r => r.Regenerated);
    public double MedianSeconds => Percentile(0.5);
    public double P95Seconds => Percentile(0.95);
    public double MaxSeconds => Percentile(1);

    /// <summary>Issue 16's bars, each with the figure measured.</summary>
    public IReadOnlyList<CopyBar> Bars() =>
    [
        new("candidates free of every problem ≥ 95%", Percent(CleanShare), CleanShare >= 0.95),
        new("malformed words = 0", $"{MalformedWords}", MalformedWords == 0),
        new("unsupported claims = 0", $"{UnsupportedClaims}", UnsupportedClaims == 0),
        new("raw slots = 0", $"{RawSlots}", RawSlots == 0),
        new("tone agreement ≥ 80%", ToneAgreement is { } tone ? Percent(tone) : "not measured: no tone classifier", ToneAgreement >= 0.8),
        new("distinct-2 per request (min) ≥ 0.6", Number(Distinct2Min), Distinct2Min >= 0.6),
        new($"time per request of {Count} (p95) < 2 s", $"{Number(P95Seconds)} s", P95Seconds < 2),
        new("regenerate novelty ≥ 70%", Percent(RegenerateNovelty), RegenerateNovelty >= 0.7),
        new("generator perplexity below its bigram baseline", $"{Number(Generator.TestPerplexity)} vs {Number(Generator.BigramPerplexity)}",
            Generator.TestPerplexity < Generator.BigramPerplexity),
        new("ranker AUC above length only", $"{Number(Ranker.Auc)} vs {Number(Ranker.LengthOnlyAuc)}", Ranker.Auc > Ranker.LengthOnlyAuc),
    ];

    /// <summary>The candidates with at least one problem, with their request.</summary>
    public IEnumerable<(EvaluatedRequest Request, CandidateCheck Candidate)> Failing =>
        Requests.SelectMany(r => r.Candidates.Where(c => !c.Clean).Select(c => (r, c)));

    /// <summary>Nearest-rank percentile of the requests' times.</summary>
    private double Percentile(double q)
    {
        var sorted = Requests.Select(r => r.Seconds).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
