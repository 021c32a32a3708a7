using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Campaigns.Ml.Copy;

/// <summary>The catalogue's names, which the corpus is de-lexicalized with.</summary>
public sealed record CopyLexicon(IReadOnlyList<string> Products, IReadOnlyList<string> Categories, IReadOnlyList<string> FirstNames);

/// <summary>Held-out perplexity of the model and of the count baselines on the same split and tokens.</summary>
public sealed record CopyGeneratorMetrics(double TestPerplexity, double UnigramPerplexity, double BigramPerplexity, double BigramLambda,
    int TrainingLines, int ValidationLines, int TestLines, int DistinctTemplates, int Vocabulary, int Epochs, double TrainingSeconds);

/// <summary>A candidate that passed every guardrail: its template (with slots), the filled text, and whether it is new.</summary>
public sealed record CopyCandidate(string Text, string Template);

/// <summary>The candidates and what happened to every sample (why the others were dropped).</summary>
/// <param name="NovelShare">Share of the finished samples whose template is not a training line (before any filter).</param>
public sealed record GenerationResult(IReadOnlyList<CopyCandidate> Candidates, int Samples, double NovelShare, IReadOnlyDictionary<string, int> Dropped);

/// <summary>
/// A small GRU language model of promo copy, conditioned on channel, promotion type, category and tone, over a BPE
/// vocabulary learned from the same de-lexicalized corpus. Generates candidates by temperature and top-p sampling,
/// fills their slots from the promotion's terms and keeps those that pass the guardrails. Thread-safe; one generation runs at a time.
/// </summary>
public sealed partial class CopyGenerator : IDisposable
{
    private const string FormatName = "campaigns-copy-generator";
    private const int FormatVersion = 1;
    internal const int ControlLength = 5; // <bos> channel type category tone

    private readonly CopyGruModule _module;
    private readonly HashSet<string> _trainingTemplates;
    private readonly HashSet<(string, string)> _wordPairs;
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
    /// Samples in batches until <see cref="GenerationOptions.Count"/> candidates pass or <see cref="GenerationOptions.MaxSamples"/>
    /// are drawn. A sample is dropped when it does not finish, repeats a training line, needs a slot the promotion cannot
    /// fill, breaks a guardrail, contradicts the terms, or nearly duplicates a kept candidate. Same seed, same candidates.
    /// </summary>
    public GenerationResult Generate(CopyConditions conditions, PromotionTerms terms, GenerationOptions options, CopyGuardrails guardrails)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(guardrails);
        if (options.Temperature <= 0 || options.TopP is <= 0 or > 1 || options.Count < 1)
            throw new ArgumentException("Temperature must be positive, top-p in (0, 1] and the count at least 1.");
        var kept = new List<CopyCandidate>();
        var dropped = new Dictionary<string, int>(StringComparer.Ordinal);
        void Drop(string reason) => dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
        int samples = 0, finished = 0, novel = 0;
        var prefix = (int[])[Tokenizer.BosId, .. Tokenizer.ControlIds(conditions)];
        var generator = new torch.Generator((ulong)options.Seed);
        try
        {
            while (kept.Count < options.Count && samples < options.MaxSamples)
            {
                var batch = Math.Min(options.BatchSize, options.MaxSamples - samples);
                List<int>?[] drawn;
                lock (_lock) drawn = Sample(prefix, batch, options, generator);
                samples += batch;
                foreach (var ids in drawn)
                {
                    if (kept.Count >= options.Count) break;
                    if (ids is null) { Drop("unfinished"); continue; }
                    var template = Tokenizer.Decode(ids).Trim();
                    if (template.Length == 0) { Drop("empty"); continue; }
                    finished++;
                    if (_trainingTemplates.Contains(NormalizeTemplate(template))) { Drop("verbatim training line"); continue; }
                    novel++;
                    if (!IsFluent(template)) { Drop("word pair never seen in training"); continue; }
                    if (Slots.Pattern().Matches(template).GroupBy(m => m.Value).Any(g => g.Count() > 1)) { Drop("repeats a slot"); continue; }
                    if (Slots.Fill(template, terms) is not { } text) { Drop("slot the promotion cannot fill"); continue; }
                    if (guardrails.Violations(text, conditions.Channel) is { Count: > 0 } violations) { Drop(violations[0].StartsWith("longer") ? "too long" : "banned phrase"); continue; }
                    if (TermsChecker.Contradictions(text, terms).Count > 0) { Drop("contradicts the terms"); continue; }
                    if (guardrails.IsNearDuplicate(text, kept.Select(k => k.Text))) { Drop("near-duplicate"); continue; }
                    kept.Add(new CopyCandidate(text, template));
                }
            }
        }
        finally
        {
            generator.Dispose();
        }
        return new GenerationResult(kept, samples, finished == 0 ? 0 : (double)novel / finished, dropped);
    }

    /// <summary>Draws a batch of continuations of the prefix; null for one that did not reach &lt;eos&gt; in time.</summary>
    private List<int>?[] Sample(int[] prefix, int batch, GenerationOptions options, torch.Generator generator)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var start = tensor(Enumerable.Repeat(prefix, batch).SelectMany(p => p.Select(i => (long)i)).ToArray(), [batch, prefix.Length]);
        var (logits, hidden) = _module.Step(start, null);
        var last = logits.select(1, prefix.Length - 1);
        var output = new List<int>?[batch];
        var done = new bool[batch];
        for (var b = 0; b < batch; b++) output[b] = [];
        for (var step = 0; step < options.MaxTokens && done.Any(d => !d); step++)
        {
            var probabilities = nn.functional.softmax(last / options.Temperature, -1);
            var (sorted, indices) = probabilities.sort(dim: -1, descending: true);
            var before = sorted.cumsum(-1) - sorted;
            var nucleus = sorted.masked_fill(before.gt(options.TopP), 0);
            var choice = nucleus.multinomial(1, generator: generator);
            var next = indices.gather(1, choice);
            var values = next.data<long>().ToArray();
            for (var b = 0; b < batch; b++)
            {
                if (done[b]) continue;
                if (values[b] == Tokenizer.EosId) done[b] = true;
                else output[b]!.Add((int)values[b]);
            }
            (logits, hidden) = _module.Step(next, hidden);
            last = logits.select(1, 0);
        }
        for (var b = 0; b < batch; b++) if (!done[b]) output[b] = null;
        return output;
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
    private static partial System.Text.RegularExpressions.Regex FluencyPattern();

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
