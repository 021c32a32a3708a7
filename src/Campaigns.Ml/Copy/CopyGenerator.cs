using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Campaigns.Ml.Copy;

/// <summary>
/// A small GRU language model of promo copy, conditioned on channel, promotion type, category and tone, over a BPE
/// vocabulary learned from the same de-lexicalized corpus. Generates candidates by temperature and top-p sampling restricted
/// to fluent new lines, fills their slots from the promotion's terms and keeps the most diverse of those that pass the
/// guardrails. Thread-safe; one batch is sampled at a time.
/// </summary>
public sealed partial class CopyGenerator : IDisposable
{
    private const string FormatName = "campaigns-copy-generator";
    private const int FormatVersion = 1;
    internal const int ControlLength = 5; // <bos> channel type category tone

    private readonly CopyGruModule _module;
    private readonly HashSet<string> _trainingTemplates;
    private readonly HashSet<(string, string)> _wordPairs;
    private readonly FluencyConstraint _fluency;
    private readonly Dictionary<string, int[]> _slotTokens; // each slot's tokens: with and without its leading space
    private readonly Lock _lock = new();

    private CopyGenerator(BpeTokenizer tokenizer, CopyGruModule module, Architecture architecture, CopyLexicon lexicon,
        IEnumerable<string> trainingTemplates, CopyGeneratorMetrics metrics)
    {
        Tokenizer = tokenizer;
        _module = module;
        Shape = architecture;
        Lexicon = lexicon;
        Delexicalizer = new Delexicalizer(lexicon.Products, lexicon.Categories, lexicon.FirstNames);
        _trainingTemplates = trainingTemplates.Select(NormalizeTemplate).ToHashSet(StringComparer.Ordinal);
        _wordPairs = _trainingTemplates.SelectMany(WordPairs).ToHashSet();
        _fluency = new FluencyConstraint(_wordPairs, tokenizer);
        _slotTokens = Slots.All.ToDictionary(slot => slot, slot => new[] { slot, " " + slot }.Select(tokenizer.Encode).Where(ids => ids.Length == 1)
            .Select(ids => ids[0]).ToArray());
        Metrics = metrics;
        _module.eval();
    }

    public BpeTokenizer Tokenizer { get; }
    public CopyLexicon Lexicon { get; }
    public Delexicalizer Delexicalizer { get; }
    public CopyGeneratorMetrics Metrics { get; }
    internal Architecture Shape { get; }
    /// <summary>The de-lexicalized training lines (normalized), against which novelty is judged.</summary>
    public IReadOnlyCollection<string> TrainingTemplates => _trainingTemplates;

    /// <summary>
    /// De-lexicalizes the corpus, learns the tokenizer on the training lines, trains the GRU with early stopping on a
    /// validation split, and reports held-out perplexity against unigram and bigram baselines on a test split.
    /// </summary>
    public static CopyGenerator Train(IReadOnlyList<CopyLine> corpus, CopyLexicon lexicon, CopyGeneratorOptions options,
        IProgress<CopyTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        if (corpus.Count < 10) throw new ArgumentException($"The corpus has {corpus.Count} lines; at least 10 are needed to train a generator.");
        TorchRuntime.EnsureLoaded();
        var clock = Stopwatch.StartNew();
        var delexicalizer = new Delexicalizer(lexicon.Products, lexicon.Categories, lexicon.FirstNames);
        var lines = corpus.Select(l => (Template: delexicalizer.Delexicalize(l.Text), l.Conditions)).Where(l => l.Template.Length > 0).ToList();

        var order = Enumerable.Range(0, lines.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var testCount = (int)Math.Round(lines.Count * options.TestShare);
        var validationCount = (int)Math.Round((lines.Count - testCount) * options.ValidationShare);
        var test = order.Take(testCount).Select(i => lines[i]).ToList();
        var validation = order.Skip(testCount).Take(validationCount).Select(i => lines[i]).ToList();
        var training = order.Skip(testCount + validationCount).Select(i => lines[i]).ToList();

        var tokenizer = BpeTokenizer.Train(training.Select(l => l.Template), training.Select(l => l.Conditions.Category), options.VocabularySize);
        int[] Sequence((string Template, CopyConditions Conditions) l) =>
            [tokenizer.BosId, .. tokenizer.ControlIds(l.Conditions), .. tokenizer.Encode(l.Template), tokenizer.EosId];
        var trainSeq = training.Select(Sequence).ToList();
        var validationSeq = validation.Select(Sequence).ToList();
        var testSeq = test.Select(Sequence).ToList();

        var baseline = new NgramBaseline(trainSeq, tokenizer.VocabularySize, ControlLength);
        baseline.Tune(validationSeq);

        var architecture = new Architecture(tokenizer.VocabularySize, options.EmbeddingSize, options.Hidden, options.Layers);
        var previousThreads = torch.get_num_threads();
        if (options.Threads is { } threads) torch.set_num_threads(threads);
        try
        {
            torch.manual_seed(options.Seed);
            var module = new CopyGruModule(architecture.Vocabulary, architecture.Embedding, architecture.Hidden, architecture.Layers, options.Dropout);
            try
            {
                var epochs = CopyLmTraining.Train(module, trainSeq, validationSeq, tokenizer.PadId, ControlLength, options, progress, cancellationToken);
                var perplexity = testSeq.Count > 0 ? Math.Exp(CopyLmTraining.MeanNll(module, testSeq, tokenizer.PadId, ControlLength)) : double.NaN;
                var metrics = new CopyGeneratorMetrics(perplexity, baseline.UnigramPerplexity(testSeq), baseline.BigramPerplexity(testSeq), baseline.Lambda,
                    training.Count, validation.Count, test.Count, lines.Select(l => NormalizeTemplate(l.Template)).Distinct().Count(),
                    tokenizer.VocabularySize, epochs, clock.Elapsed.TotalSeconds);
                return new CopyGenerator(tokenizer, module, architecture, lexicon, lines.Select(l => l.Template), metrics);
            }
            catch
            {
                module.Dispose();
                throw;
            }
        }
        finally
        {
            if (options.Threads is not null) torch.set_num_threads(previousThreads);
        }
    }

    /// <summary>Perplexity of the model on these lines (de-lexicalized and tokenized like the training lines).</summary>
    public double Perplexity(IEnumerable<CopyLine> lines)
    {
        var sequences = lines.Select(l => (int[])[Tokenizer.BosId, .. Tokenizer.ControlIds(l.Conditions),
            .. Tokenizer.Encode(Delexicalizer.Delexicalize(l.Text)), Tokenizer.EosId]).ToList();
        lock (_lock) return Math.Exp(CopyLmTraining.MeanNll(_module, sequences, Tokenizer.PadId, ControlLength));
    }

    /// <summary>
    /// Samples in batches until <see cref="GenerationOptions.Count"/> × <see cref="GenerationOptions.PoolFactor"/> candidates
    /// pass, the most diverse <see cref="GenerationOptions.Count"/> of them reach <see cref="GenerationOptions.EnoughDistinct2"/>,
    /// <see cref="GenerationOptions.MaxSamples"/> are drawn or <see cref="GenerationOptions.TimeBudgetSeconds"/> is spent, then keeps the <see cref="GenerationOptions.Count"/> that together have the most distinct word pairs
    /// (<see cref="CopyDiversity.SelectDiverse"/>). A sample is dropped when it does not finish, repeats a training line, needs a
    /// slot the promotion cannot fill, breaks a guardrail, states what the campaign does not support (dropped as "unsupported" and the
    /// <see cref="ClaimKind"/>), or nearly duplicates a candidate already
    /// gathered. What a longer line could never repair is prevented while sampling (see <see cref="Sample"/>): an unseen word
    /// pair, a repeated or unfillable slot, closing a training line, the length limit. Same seed, same candidates, unless the
    /// time budget ran out.
    /// </summary>
    /// <param name="time">The clock the time budget is read from; the system's by default.</param>
    public GenerationResult Generate(CopyConditions conditions, PromotionTerms terms, GenerationOptions options, CopyGuardrails guardrails,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(guardrails);
        if (options.Temperature <= 0 || options.TopP is <= 0 or > 1 || options.Count < 1 || options.PoolFactor < 1 || options.TimeBudgetSeconds <= 0)
            throw new ArgumentException("Temperature must be positive, top-p in (0, 1], the count and the pool factor at least 1, and the time budget positive.");
        time ??= TimeProvider.System;
        var started = time.GetTimestamp();
        bool OutOfTime() => options.TimeBudgetSeconds is { } budget && time.GetElapsedTime(started).TotalSeconds >= budget;

        var pool = new List<CopyCandidate>();
        var wanted = options.Count * options.PoolFactor;
        var dropped = new Dictionary<string, int>(StringComparer.Ordinal);
        void Drop(string reason, int count = 1) => dropped[reason] = dropped.GetValueOrDefault(reason) + count;
        int samples = 0, finished = 0, novel = 0;
        var timedOut = false;
        var prefix = (int[])[Tokenizer.BosId, .. Tokenizer.ControlIds(conditions)];
        var request = new SampleRequest(terms, guardrails.LengthLimit(conditions.Channel), OutOfTime);
        var random = new Random(options.Seed);
        var shown = (options.Shown ?? []).Select(NormalizeTemplate).ToHashSet(StringComparer.Ordinal);
        while (pool.Count < wanted && samples < options.MaxSamples)
        {
            if (OutOfTime()) { timedOut = true; break; }
            var batch = Math.Min(options.BatchSize, options.MaxSamples - samples);
            Draft[] drafts;
            lock (_lock) drafts = Sample(prefix, batch, options, request, random);
            samples += batch;
            foreach (var draft in drafts)
            {
                if (pool.Count >= wanted) break;
                if (draft.Outcome == DraftOutcome.OutOfTime) { timedOut = true; Drop("out of time"); continue; }
                if (draft.Outcome == DraftOutcome.Stopped) { Drop(draft.Reason!); continue; }
                if (draft.Outcome == DraftOutcome.Unfinished) { Drop("unfinished"); continue; }
                var template = draft.Text.ToString().Trim();
                if (template.Length == 0) { Drop("empty"); continue; }
                finished++;
                if (_trainingTemplates.Contains(NormalizeTemplate(template))) { Drop("verbatim training line"); continue; }
                novel++;
                if (!IsFluent(template)) { Drop("word pair never seen in training"); continue; }
                if (RepeatsASlot(template)) { Drop("repeats a slot"); continue; }
                if (Slots.Fill(template, terms) is not { } text) { Drop("slot the promotion cannot fill"); continue; }
                if (guardrails.Violations(text, conditions.Channel) is { Count: > 0 } violations) { Drop(violations[0].StartsWith("longer") ? "too long" : "banned phrase"); continue; }
                if (TermsChecker.Contradictions(text, terms, conditions.Channel) is [var contradiction, ..]) { Drop($"unsupported {contradiction.Kind}"); continue; }
                if (shown.Contains(NormalizeTemplate(text))) { Drop("shown before"); continue; }
                if (guardrails.IsNearDuplicate(text, pool.Select(k => k.Text))) { Drop("near-duplicate"); continue; }
                pool.Add(new CopyCandidate(text, template));
            }
            if (pool.Count >= options.Count && options.EnoughDistinct2 is { } enough && CopyDiversity.Distinct2(MostDiverse().Select(c => c.Text)) >= enough) break;
        }
        List<CopyCandidate> MostDiverse() => CopyDiversity.SelectDiverse(pool.Select(c => c.Text).ToList(), options.Count).Select(i => pool[i]).ToList();
        var chosen = MostDiverse();
        if (pool.Count > chosen.Count) Drop("less diverse than the chosen", pool.Count - chosen.Count);
        return new GenerationResult(chosen, samples, finished == 0 ? 0 : (double)novel / finished, dropped, timedOut);
    }

    private static bool RepeatsASlot(string template) => Slots.Pattern().Matches(template).GroupBy(m => m.Value).Any(g => g.Count() > 1);

    /// <summary>What a batch of samples needs to know about the request: the terms slots are filled from, the length limit, the clock.</summary>
    private sealed record SampleRequest(PromotionTerms Terms, int LengthLimit, Func<bool> OutOfTime);

    private enum DraftOutcome { Unfinished, Finished, Stopped, OutOfTime }

    /// <summary>One sample as it grows: its text so far, its fluency state, the slots it used, and how it ended.</summary>
    private sealed class Draft
    {
        public StringBuilder Text { get; } = new();
        public FluencyConstraint.State State { get; set; } = FluencyConstraint.Empty;
        public HashSet<int> UsedSlots { get; } = [];
        public DraftOutcome Outcome { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>
    /// Draws a batch of continuations of the prefix, one forward pass per step for the whole batch. Tokens that no passing line
    /// could contain are never drawn: those that would join two words no training line joins (<see cref="FluencyConstraint"/>),
    /// a slot already used or one the promotion cannot fill, and &lt;eos&gt; where it would close a training line (the model
    /// then continues it into a recombination). A sample whose filled text is already over the length limit stops; stopped
    /// and finished samples leave the batch, so later steps cost only the live ones.
    /// </summary>
    private Draft[] Sample(int[] prefix, int batch, GenerationOptions options, SampleRequest request, Random random)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var vocabulary = Tokenizer.VocabularySize;
        var unfillable = _slotTokens.Where(s => Slots.Fill(s.Key, request.Terms) is null).SelectMany(s => s.Value).ToHashSet();
        var drafts = new Draft[batch];
        for (var b = 0; b < batch; b++) drafts[b] = new Draft();
        var start = tensor(Enumerable.Repeat(prefix, batch).SelectMany(p => p.Select(i => (long)i)).ToArray(), [batch, prefix.Length]);
        var (logits, hidden) = _module.Step(start, null);
        var last = logits.select(1, prefix.Length - 1);
        var live = Enumerable.Range(0, batch).ToList(); // row r of `last` and `hidden` is drafts[live[r]]
        var candidates = new List<int>();
        for (var step = 0; step < options.MaxTokens && live.Count > 0; step++)
        {
            if (request.OutOfTime())
            {
                foreach (var d in live) drafts[d].Outcome = DraftOutcome.OutOfTime;
                return drafts;
            }
            var scores = last.contiguous().data<float>().ToArray();
            var keep = new List<long>(live.Count);
            var tokens = new List<long>(live.Count);
            var stillLive = new List<int>(live.Count);
            for (var r = 0; r < live.Count; r++)
            {
                var draft = drafts[live[r]];
                candidates.Clear();
                foreach (var id in _fluency.Allowed(draft.State))
                    if (!unfillable.Contains(id) && !draft.UsedSlots.Contains(id)
                        && (id != Tokenizer.EosId || !_trainingTemplates.Contains(NormalizeTemplate(draft.Text.ToString()))))
                        candidates.Add(id);
                if (candidates.Count == 0) { (draft.Outcome, draft.Reason) = (DraftOutcome.Stopped, "no fluent continuation"); continue; }
                var token = Draw(scores, r * vocabulary, candidates, options, random);
                if (token == Tokenizer.EosId) { draft.Outcome = DraftOutcome.Finished; continue; }
                draft.Text.Append(Tokenizer.TokenText(token));
                draft.State = _fluency.Advance(draft.State, token);
                if (_slotTokens.Values.FirstOrDefault(ids => ids.Contains(token)) is { } sameSlot) draft.UsedSlots.UnionWith(sameSlot);
                if (Slots.Fill(draft.Text.ToString(), request.Terms) is not { } text) { (draft.Outcome, draft.Reason) = (DraftOutcome.Stopped, "slot the promotion cannot fill"); continue; }
                if (text.Length > request.LengthLimit) { (draft.Outcome, draft.Reason) = (DraftOutcome.Stopped, "too long"); continue; }
                keep.Add(r);
                tokens.Add(token);
                stillLive.Add(live[r]);
            }
            if (stillLive.Count == 0) break;
            if (stillLive.Count < live.Count) hidden = hidden.index_select(1, tensor(keep.ToArray()));
            live = stillLive;
            (logits, hidden) = _module.Step(tensor(tokens.ToArray(), [tokens.Count, 1]), hidden);
            last = logits.select(1, 0);
        }
        return drafts; // the ones still live did not reach <eos> within MaxTokens: Unfinished
    }

    /// <summary>
    /// Draws one of the candidate tokens from the softmax of their logits at the temperature, restricted to the nucleus: the most
    /// probable candidates whose probabilities reach top-p (Holtzman et al. 2020).
    /// </summary>
    private static int Draw(float[] logits, int offset, List<int> candidates, GenerationOptions options, Random random)
    {
        var max = float.NegativeInfinity;
        foreach (var id in candidates) max = Math.Max(max, logits[offset + id]);
        var weights = new double[candidates.Count];
        var total = 0.0;
        for (var k = 0; k < weights.Length; k++) total += weights[k] = Math.Exp((logits[offset + candidates[k]] - max) / options.Temperature);
        var order = Enumerable.Range(0, weights.Length).OrderByDescending(k => weights[k]).ThenBy(k => candidates[k]).ToArray();
        double nucleus = 0;
        var size = 0;
        while (size < order.Length && nucleus < options.TopP * total) nucleus += weights[order[size++]];
        var u = random.NextDouble() * nucleus;
        for (var k = 0; k < size - 1; k++)
            if ((u -= weights[order[k]]) < 0) return candidates[order[k]];
        return candidates[order[size - 1]];
    }

    /// <summary>
    /// A fluency check for recombined lines: every pair of adjacent words and punctuation marks (with the line's start and end) occurs in some
    /// training line. New lines can join pieces of different training lines where they share a word, but not invent joins.
    /// </summary>
    public bool IsFluent(string template) => WordPairs(NormalizeTemplate(template)).All(_wordPairs.Contains);

    private static IEnumerable<(string, string)> WordPairs(string normalized)
    {
        var previous = "<s>";
        foreach (var word in FluencyPattern().Matches(normalized).Select(m => m.Value).Append("</s>"))
        {
            yield return (previous, word);
            previous = word;
        }
    }

    // Words, slots and each punctuation mark: a line may not start with "., " or join words with a mark no line uses.
    [System.Text.RegularExpressions.GeneratedRegex(@"\{[a-z_]+\}|[\p{L}\p{N}%']+|[^\s\p{L}\p{N}]")]
    internal static partial System.Text.RegularExpressions.Regex FluencyPattern();

    /// <summary>How templates are compared for novelty: lower case, single spaces.</summary>
    public static string NormalizeTemplate(string template) => string.Join(' ', template.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>True when the de-lexicalized form of this text is a training line.</summary>
    public bool IsTrainingLine(string text) => _trainingTemplates.Contains(NormalizeTemplate(Delexicalizer.Delexicalize(text)));

    /// <summary>Writes a zip: manifest.json, tokenizer.json, lexicon.json, training-lines.txt and weights.bin (with its SHA-256 in the manifest).</summary>
    public void Save(Stream stream)
    {
        byte[] weights;
        using (var buffer = new MemoryStream())
        {
            lock (_lock) _module.save(buffer);
            weights = buffer.ToArray();
        }
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = new Manifest(FormatName, FormatVersion, Shape, Metrics, Convert.ToHexString(SHA256.HashData(weights)));
        Write(zip, "manifest.json", JsonSerializer.Serialize(manifest, JsonOptions));
        Write(zip, "tokenizer.json", Tokenizer.ToJson());
        Write(zip, "lexicon.json", JsonSerializer.Serialize(Lexicon, JsonOptions));
        Write(zip, "training-lines.txt", string.Join('\n', _trainingTemplates.Order(StringComparer.Ordinal)));
        using var entry = zip.CreateEntry("weights.bin").Open();
        entry.Write(weights);
    }

    /// <summary>Reads what <see cref="Save"/> wrote; anything else gives an InvalidDataException naming the problem.</summary>
    public static CopyGenerator Load(Stream stream)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException ex) { throw new InvalidDataException($"Not a copy generator: the file is not a zip archive ({ex.Message})."); }
        using (zip)
        {
            Manifest? manifest;
            try { manifest = JsonSerializer.Deserialize<Manifest>(Read(zip, "manifest.json"), JsonOptions); }
            catch (JsonException ex) { throw new InvalidDataException($"manifest.json is not valid: {ex.Message}"); }
            if (manifest?.Format != FormatName) throw new InvalidDataException($"Not a copy generator: manifest.json has format '{manifest?.Format}', expected '{FormatName}'.");
            if (manifest.Version != FormatVersion) throw new InvalidDataException($"Copy generator format version {manifest.Version} is not readable by this version (reads {FormatVersion}).");
            var tokenizer = BpeTokenizer.FromJson(Read(zip, "tokenizer.json"));
            var lexicon = JsonSerializer.Deserialize<CopyLexicon>(Read(zip, "lexicon.json"), JsonOptions) ?? throw new InvalidDataException("lexicon.json is empty.");
            var lines = Read(zip, "training-lines.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (tokenizer.VocabularySize != manifest.Architecture.Vocabulary)
                throw new InvalidDataException($"tokenizer.json has {tokenizer.VocabularySize} tokens but the network was trained on {manifest.Architecture.Vocabulary}.");
            using var buffer = new MemoryStream();
            using (var source = (zip.GetEntry("weights.bin") ?? throw new InvalidDataException("The model file lacks weights.bin.")).Open()) source.CopyTo(buffer);
            if (Convert.ToHexString(SHA256.HashData(buffer.ToArray())) != manifest.WeightsSha256)
                throw new InvalidDataException("weights.bin does not match its checksum in manifest.json.");
            TorchRuntime.EnsureLoaded();
            var a = manifest.Architecture;
            var module = new CopyGruModule(a.Vocabulary, a.Embedding, a.Hidden, a.Layers, dropoutRate: 0);
            try
            {
                buffer.Position = 0;
                module.load(buffer, strict: true);
            }
            catch (Exception ex) when (ex is not InvalidDataException)
            {
                module.Dispose();
                throw new InvalidDataException($"weights.bin does not fit the network manifest.json describes ({ex.Message}).", ex);
            }
            return new CopyGenerator(tokenizer, module, a, lexicon, lines, manifest.Metrics);
        }
    }

    public void Dispose() => _module.Dispose();

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The model file lacks {name}.");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal sealed record Architecture(int Vocabulary, int Embedding, int Hidden, int Layers);

    private sealed record Manifest(string Format, int Version, Architecture Architecture, CopyGeneratorMetrics Metrics, string WeightsSha256);
}
