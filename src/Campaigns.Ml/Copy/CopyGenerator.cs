using System.Diagnostics;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace Campaigns.Ml.Copy;

/// <summary>
/// A small GRU language model of promo copy over whole words (<see cref="WordTokenizer"/>), conditioned on channel, promotion
/// type, category and tone. Generates candidates by temperature and top-p sampling among the words that continue the line as
/// some training line does (<see cref="WordSupport"/>), typesets them, fills their slots from the promotion's terms and keeps
/// the most diverse of those that pass the guardrails. Thread-safe; one batch is sampled at a time.
/// </summary>
public sealed class CopyGenerator : IDisposable
{
    private const string FormatName = "campaigns-copy-generator";
    private const int FormatVersion = 2; // 1 was word pieces (BPE), which glued pieces into words that are not words
    internal const int ControlLength = 5; // <bos> channel type category tone
    // A word the model, at temperature 1, gives under this probability (e^-6.9 ≈ 0.1%) where it was drawn joins two lines at a
    // point where they do not fit ("Don't miss out on garden won't last"): sampling hotter finds new lines, and such joins.
    // Every new join is unlikely to a model of the corpus, so the bar is low: at 1% most new lines went (docs/benchmarks.md).
    private const double MaxJunctionNll = 6.9;

    private readonly CopyGruModule _module;
    private readonly List<TrainingTemplate> _templates;
    private readonly HashSet<string> _trainingTemplates;
    private readonly HashSet<string> _trainingSequences; // each training line's token ids, so a line is recognised however it is typeset
    private readonly WordSupport _support; // every training line: what IsSupported judges
    private readonly Dictionary<(Domain.Copy.Tone, CopyChannel), WordSupport> _supportByScope; // sampling's, see Scope
    private readonly int[] _slotIds;
    private readonly int _open, _close, _question; // "(", ")" and "?", or -1 when the corpus has none
    private readonly HashSet<int> _sentenceEnds; // ".", "!", "?" and "..."
    private readonly HashSet<int> _questionOpeners; // the first words of the corpus's questions
    private readonly Lock _lock = new();

    private CopyGenerator(WordTokenizer tokenizer, CopyGruModule module, Architecture architecture, CopyLexicon lexicon,
        IReadOnlyList<TrainingTemplate> trainingTemplates, CopyGeneratorMetrics metrics)
    {
        Tokenizer = tokenizer;
        _module = module;
        Shape = architecture;
        Lexicon = lexicon;
        Delexicalizer = new Delexicalizer(lexicon.Products, lexicon.Categories, lexicon.FirstNames);
        _templates = trainingTemplates.DistinctBy(t => (t.Tone, Scope(t.Channel), NormalizeTemplate(t.Template))).ToList();
        _trainingTemplates = _templates.Select(t => NormalizeTemplate(t.Template)).ToHashSet(StringComparer.Ordinal);
        var sequences = _templates.Select(t => (t.Tone, Scope: Scope(t.Channel), Ids: (int[])[.. tokenizer.Encode(NormalizeTemplate(t.Template)), tokenizer.EosId]))
            .Where(s => !s.Ids.Contains(tokenizer.UnknownId)).ToList();
        _trainingSequences = sequences.Select(s => Key(s.Ids[..^1])).ToHashSet(StringComparer.Ordinal);
        _support = new WordSupport(sequences.Select(s => s.Ids), tokenizer.BosId);
        _supportByScope = sequences.GroupBy(s => (s.Tone, s.Scope)).ToDictionary(g => g.Key, g => new WordSupport(g.Select(s => s.Ids), tokenizer.BosId));
        _slotIds = Slots.All.Select(tokenizer.SlotId).ToArray();
        var words = tokenizer.Words.ToList();
        _open = words.IndexOf("(") is >= 0 and var o ? tokenizer.FirstText + Slots.All.Count + o : -1;
        _close = words.IndexOf(")") is >= 0 and var c ? tokenizer.FirstText + Slots.All.Count + c : -1;
        _question = words.IndexOf("?") is >= 0 and var q ? tokenizer.FirstText + Slots.All.Count + q : -1;
        _sentenceEnds = new[] { ".", "!", "?", "..." }.Select(m => words.IndexOf(m)).Where(i => i >= 0).Select(i => tokenizer.FirstText + Slots.All.Count + i).ToHashSet();
        _questionOpeners = [];
        foreach (var (_, _, ids) in sequences)
        {
            var first = -1;
            foreach (var id in ids)
            {
                if (id == _question) _questionOpeners.Add(first);
                first = _sentenceEnds.Contains(id) ? -1 : first == -1 ? id : first;
            }
        }
        Vocabulary = CopyVocabulary.From(tokenizer.Words, lexicon);
        Metrics = metrics;
        _module.eval();
    }

    public WordTokenizer Tokenizer { get; }
    public CopyLexicon Lexicon { get; }
    public Delexicalizer Delexicalizer { get; }
    /// <summary>The words the generator may write, as it writes them, and the store's names: what <see cref="CopyForm"/> checks lines against.</summary>
    public CopyVocabulary Vocabulary { get; }
    public CopyGeneratorMetrics Metrics { get; }
    internal Architecture Shape { get; }
    /// <summary>The de-lexicalized training lines (normalized), against which novelty is judged.</summary>
    public IReadOnlyCollection<string> TrainingTemplates => _trainingTemplates;

    /// <summary>
    /// De-lexicalizes the corpus, learns the vocabulary on the training lines, trains the GRU with early stopping on a
    /// validation split, and reports held-out perplexity per word against unigram and bigram baselines on a test split.
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

        var tokenizer = WordTokenizer.Train(training.Select(l => l.Template), training.Select(l => l.Conditions.Category));
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
                return new CopyGenerator(tokenizer, module, architecture, lexicon,
                    lines.Select(l => new TrainingTemplate(l.Conditions.Channel, l.Conditions.Tone, l.Template)).ToList(), metrics);
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
    /// <see cref="GenerationOptions.MaxSamples"/> are drawn or <see cref="GenerationOptions.TimeBudgetSeconds"/> is spent, then keeps
    /// the <see cref="GenerationOptions.Count"/> that together have the most distinct word pairs (<see cref="CopyDiversity.SelectDiverse"/>).
    /// A sample is dropped when it does not finish, repeats a training line, needs a slot the promotion cannot fill, is not well
    /// formed (<see cref="CopyForm"/>: a safety net, as sampling writes only the corpus's words and marks), breaks a guardrail, states what the campaign does not support (dropped as "unsupported" and the <see cref="ClaimKind"/>), was shown
    /// before (<see cref="GenerationOptions.Shown"/>), reads as another tone or joins lines where they do not fit (<see cref="FitsTone"/>), or nearly duplicates a candidate already gathered. What a longer line could
    /// never repair is prevented while sampling (see <see cref="Sample"/>). Same seed, same candidates, unless the time budget ran out.
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
        var request = new SampleRequest(conditions, terms, guardrails.LengthLimit(conditions.Channel), OutOfTime);
        var random = new Random(options.Seed);
        var shown = (options.Shown ?? []).Select(NormalizeTemplate).ToHashSet(StringComparer.Ordinal);
        while (pool.Count < wanted && samples < options.MaxSamples)
        {
            if (OutOfTime()) { timedOut = true; break; }
            var batch = Math.Min(options.BatchSize, options.MaxSamples - samples);
            Draft[] drafts;
            lock (_lock) drafts = Sample(prefix, batch, options, request, random);
            samples += batch;
            var passed = new List<(string Text, string Template, List<int> Tokens)>();
            foreach (var draft in drafts)
            {
                if (draft.Outcome == DraftOutcome.OutOfTime) { timedOut = true; Drop("out of time"); continue; }
                if (draft.Outcome == DraftOutcome.Stopped) { Drop(draft.Reason!); continue; }
                if (draft.Outcome == DraftOutcome.Unfinished) { Drop("unfinished"); continue; }
                if (draft.Tokens.Count == 0) { Drop("empty"); continue; }
                finished++;
                if (_trainingSequences.Contains(Key(draft.Tokens))) { Drop("verbatim training line"); continue; }
                novel++;
                var template = Tokenizer.Decode(draft.Tokens);
                if (Slots.Fill(template, terms, conditions.Channel) is not { } text) { Drop("slot the promotion cannot fill"); continue; }
                if (CopyForm.Problems(text, Vocabulary, terms) is [var problem, ..]) { Drop(problem.Kind == FormProblemKind.MalformedWord ? "malformed word" : "punctuation"); continue; }
                if (guardrails.Violations(text, conditions.Channel) is { Count: > 0 } violations) { Drop(violations[0].StartsWith("longer") ? "too long" : "banned phrase"); continue; }
                if (TermsChecker.Contradictions(text, terms, conditions.Channel) is [var contradiction, ..]) { Drop($"unsupported {contradiction.Kind}"); continue; }
                if (shown.Contains(NormalizeTemplate(text))) { Drop("shown before"); continue; }
                passed.Add((text, template, draft.Tokens));
            }
            string?[] unfit;
            lock (_lock) unfit = FitsTone(passed.Select(p => p.Tokens).ToList(), conditions);
            for (var i = 0; i < passed.Count && pool.Count < wanted; i++)
            {
                if (unfit[i] is { } reason) { Drop(reason); continue; }
                if (guardrails.IsNearDuplicate(passed[i].Text, pool.Select(k => k.Text))) { Drop("near-duplicate"); continue; }
                pool.Add(new CopyCandidate(passed[i].Text, passed[i].Template));
            }
            if (pool.Count >= options.Count && options.EnoughDistinct2 is { } enough && CopyDiversity.Distinct2(MostDiverse().Select(c => c.Text)) >= enough) break;
        }
        List<CopyCandidate> MostDiverse() => CopyDiversity.SelectDiverse(pool.Select(c => c.Text).ToList(), options.Count).Select(i => pool[i]).ToList();
        var chosen = MostDiverse();
        if (pool.Count > chosen.Count) Drop("less diverse than the chosen", pool.Count - chosen.Count);
        return new GenerationResult(chosen, samples, finished == 0 ? 0 : (double)novel / finished, dropped, timedOut);
    }

    /// <summary>
    /// Whether each line reads in the requested tone to the generator itself: more likely under that tone's control token than
    /// under any other (the language model as a generative classifier, equal priors), with no word below
    /// <see cref="MaxJunctionNll"/>. Sampling at a temperature that finds new lines also finds lines that belong to another
    /// tone, and joins that do not fit; this drops them.
    /// </summary>
    /// <returns>Per line, why it is dropped; null when it stays.</returns>
    private string?[] FitsTone(IReadOnlyList<List<int>> lines, CopyConditions conditions)
    {
        if (lines.Count == 0) return [];
        var tones = Enum.GetValues<Domain.Copy.Tone>();
        var sequences = tones.SelectMany(tone => lines.Select(line =>
            (int[])[Tokenizer.BosId, .. Tokenizer.ControlIds(conditions with { Tone = tone }), .. line, Tokenizer.EosId])).ToList();
        var nll = CopyLmTraining.SequenceNll(_module, sequences, Tokenizer.PadId, ControlLength);
        var wanted = Array.IndexOf(tones, conditions.Tone);
        return lines.Select((_, i) => nll[wanted * lines.Count + i].Max > MaxJunctionNll ? "unlikely join"
            : Enumerable.Range(0, tones.Length).Any(t => nll[t * lines.Count + i].Sum < nll[wanted * lines.Count + i].Sum) ? "reads as another tone"
            : null).ToArray();
    }

    /// <summary>What a batch of samples needs to know about the request: the terms slots are filled from, the length limit, the clock.</summary>
    private sealed record SampleRequest(CopyConditions Conditions, PromotionTerms Terms, int LengthLimit, Func<bool> OutOfTime);

    private enum DraftOutcome { Unfinished, Finished, Stopped, OutOfTime }

    /// <summary>One sample as it grows: its tokens so far, its last two (the context), open brackets, its sentence's first word, and how it ended.</summary>
    private sealed class Draft
    {
        public List<int> Tokens { get; } = [];
        public (int, int) Context { get; set; }
        public int OpenBrackets { get; set; }
        public int SentenceStart { get; set; } = -1;
        public DraftOutcome Outcome { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>
    /// Draws a batch of continuations of the prefix, one forward pass per step for the whole batch. Tokens that no passing line
    /// could contain are never drawn: those that do not continue the last two tokens as a training line does (<see cref="WordSupport"/>),
    /// a slot already used or one the promotion cannot fill, a closing bracket with none open, a question mark on a sentence that
    /// does not start as one of the corpus's questions does, and &lt;eos&gt; inside brackets or
    /// where it would close a training line (the model then continues it into a recombination). A sample whose filled text is
    /// already over the length limit stops; stopped and finished samples leave the batch, so later steps cost only the live ones.
    /// </summary>
    private Draft[] Sample(int[] prefix, int batch, GenerationOptions options, SampleRequest request, Random random)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var vocabulary = Tokenizer.VocabularySize;
        var unfillable = _slotIds.Where(id => Slots.Fill(Tokenizer.TokenText(id), request.Terms, request.Conditions.Channel) is null).ToHashSet();
        var drafts = new Draft[batch];
        var support = _supportByScope.GetValueOrDefault((request.Conditions.Tone, Scope(request.Conditions.Channel)), _support);
        for (var b = 0; b < batch; b++) drafts[b] = new Draft { Context = support.Start };
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
                foreach (var id in support.Allowed(draft.Context))
                    if (Permitted(id, draft, unfillable)) candidates.Add(id);
                if (candidates.Count == 0) { (draft.Outcome, draft.Reason) = (DraftOutcome.Stopped, "no continuation"); continue; }
                var token = Draw(scores, r * vocabulary, candidates, options, random);
                if (token == Tokenizer.EosId) { draft.Outcome = DraftOutcome.Finished; continue; }
                draft.Tokens.Add(token);
                draft.Context = (draft.Context.Item2, token);
                if (token == _open) draft.OpenBrackets++;
                else if (token == _close) draft.OpenBrackets--;
                draft.SentenceStart = _sentenceEnds.Contains(token) ? -1 : draft.SentenceStart == -1 ? token : draft.SentenceStart;
                if (Slots.Fill(Tokenizer.Decode(draft.Tokens), request.Terms, request.Conditions.Channel) is not { } text) { (draft.Outcome, draft.Reason) = (DraftOutcome.Stopped, "slot the promotion cannot fill"); continue; }
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

    /// <summary>Whether a token the support allows may extend this draft: see <see cref="Sample"/>.</summary>
    private bool Permitted(int id, Draft draft, HashSet<int> unfillable)
    {
        if (id == Tokenizer.EosId) return draft.OpenBrackets == 0 && !_trainingSequences.Contains(Key(draft.Tokens));
        if (id == _close) return draft.OpenBrackets > 0;
        // "Introducing our finest {category} yet?" joins a statement to a question's end: a question starts as one does.
        if (id == _question) return _questionOpeners.Contains(draft.SentenceStart);
        return !unfillable.Contains(id) && !(Array.IndexOf(_slotIds, id) >= 0 && draft.Tokens.Contains(id));
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
    /// True when every word of the template continues its two predecessors as some training line does, the line's start and end
    /// included: a new line joins training lines only where they share two words.
    /// </summary>
    public bool IsSupported(string template) => Tokenizer.Encode(template) is var ids && !ids.Contains(Tokenizer.UnknownId)
        && _support.Supports([.. ids, Tokenizer.EosId]);

    private static string Key(IEnumerable<int> tokens) => string.Join(',', tokens);

    /// <summary>How lines are compared for novelty and repeats: lower case, single spaces.</summary>
    public static string NormalizeTemplate(string template) => string.Join(' ', template.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>True when the de-lexicalized form of this text is a training line.</summary>
    public bool IsTrainingLine(string text) => Tokenizer.Encode(Delexicalizer.Delexicalize(text)) is var ids
        && (_trainingSequences.Contains(Key(ids)) || _trainingTemplates.Contains(NormalizeTemplate(Delexicalizer.Delexicalize(text))));

    /// <summary>Writes a model file: manifest.json, tokenizer.json, lexicon.json, training-lines.tsv (channel, tone, template) and weights.bin (with its SHA-256 in the manifest).</summary>
    public void Save(Stream stream)
    {
        byte[] weights;
        using (var buffer = new MemoryStream())
        {
            lock (_lock) _module.save(buffer);
            weights = buffer.ToArray();
        }
        using var archive = ModelArchive.Create(stream, new Manifest(FormatName, FormatVersion, Shape, Metrics, Convert.ToHexString(SHA256.HashData(weights))));
        archive.WriteText("tokenizer.json", Tokenizer.ToJson());
        archive.WriteJson("lexicon.json", Lexicon);
        archive.WriteText("training-lines.tsv", string.Join('\n', _templates.Select(t => $"{t.Channel}\t{t.Tone}\t{t.Template}")));
        archive.WriteBytes("weights.bin", weights);
    }

    /// <summary>Reads what <see cref="Save"/> wrote; anything else gives an InvalidDataException naming the problem.</summary>
    public static CopyGenerator Load(Stream stream)
    {
        var (archive, manifest) = ModelArchive.Open<Manifest>(stream, FormatName, FormatVersion, "a copy generator");
        using (archive)
        {
            var tokenizer = WordTokenizer.FromJson(archive.ReadText("tokenizer.json"));
            var lexicon = archive.ReadJson<CopyLexicon>("lexicon.json");
            var lines = archive.ReadText("training-lines.tsv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(TrainingTemplate.Parse).ToList();
            if (tokenizer.VocabularySize != manifest.Architecture.Vocabulary)
                throw new InvalidDataException($"tokenizer.json has {tokenizer.VocabularySize} tokens but the network was trained on {manifest.Architecture.Vocabulary}.");
            var weights = archive.ReadBytes("weights.bin");
            if (Convert.ToHexString(SHA256.HashData(weights)) != manifest.WeightsSha256)
                throw new InvalidDataException("weights.bin does not match its checksum in manifest.json.");
            TorchRuntime.EnsureLoaded();
            var a = manifest.Architecture;
            var module = new CopyGruModule(a.Vocabulary, a.Embedding, a.Hidden, a.Layers, dropoutRate: 0);
            try
            {
                using var buffer = new MemoryStream(weights);
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

    internal sealed record Architecture(int Vocabulary, int Embedding, int Hidden, int Layers);

    /// <summary>
    /// Where a request's lines may borrow from: training lines of the tone asked for, headlines and bodies together (about
    /// thirty headlines per channel and tone and fifteen bodies per tone are too few to recombine alone), product texts apart.
    /// A line recombined only from lines of its tone keeps that tone, and a subject line never ends in a product description.
    /// </summary>
    private static CopyChannel Scope(CopyChannel channel) => channel == CopyChannel.ProductText ? channel : CopyChannel.EmailSubject;

    /// <summary>A de-lexicalized training line and what it was written for.</summary>
    private sealed record TrainingTemplate(CopyChannel Channel, Domain.Copy.Tone Tone, string Template)
    {
        public static TrainingTemplate Parse(string line) =>
            line.Split('\t', 3) is [var channel, var tone, var template] && Enum.TryParse<CopyChannel>(channel, out var c) && Enum.TryParse<Domain.Copy.Tone>(tone, out var t)
                ? new TrainingTemplate(c, t, template)
                : throw new InvalidDataException($"training-lines.tsv has a line that is not channel, tone and template: '{line}'.");
    }

    private sealed record Manifest(string Format, int Version, Architecture Architecture, CopyGeneratorMetrics Metrics, string WeightsSha256) : IModelManifest;
}
