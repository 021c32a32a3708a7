using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace Campaigns.Ml.Uplift.Neural;

/// <summary>
/// Shared representation + one outcome head per arm (TARNet; a DragonNet propensity head is not needed since the
/// data comes from randomized experiments). Inputs are already numeric and standardized (the caller one-hot encodes).
/// Predict is safe to call from several threads at once.
/// </summary>
public sealed class TarNet : IDisposable
{
    private const int PredictBatch = 65_536;
    private const int FormatVersion = 1;
    private static readonly byte[] Magic = "TARNET"u8.ToArray();

    private readonly TarNetModule module;
    private readonly double outcomeMean;
    private readonly double outcomeScale;

    private TarNet(TarNetModule module, int inputs, int arms, int hidden, bool binaryOutcome, double outcomeMean, double outcomeScale)
    {
        this.module = module;
        Inputs = inputs;
        Arms = arms;
        Hidden = hidden;
        BinaryOutcome = binaryOutcome;
        this.outcomeMean = outcomeMean;
        this.outcomeScale = outcomeScale;
        module.eval();
    }

    public int Inputs { get; }
    public int Arms { get; }
    public int Hidden { get; }

    /// <summary>True when predictions are probabilities of a 0/1 outcome.</summary>
    public bool BinaryOutcome { get; }

    /// <summary>
    /// x: row-major n x d; arm in 0..arms-1; y outcome. Early stopping on an internal 10% split by loss.
    /// Throws ArgumentException on bad input and OperationCanceledException (between batches) on cancel.
    /// </summary>
    public static TarNet Fit(float[] x, int d, int[] arm, float[] y, int arms, TarNetOptions options,
        IProgress<(int Epoch, double Loss)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(options);
        Validate(x, d, arm, y, arms, options);
        cancellationToken.ThrowIfCancellationRequested();
        TorchRuntime.EnsureLoaded();

        // Amounts are trained on a unit scale so the default learning rate suits any currency.
        var (mean, scale) = options.BinaryOutcome ? (0.0, 1.0) : MeanAndScale(y);
        var target = options.BinaryOutcome ? y : Array.ConvertAll(y, v => (float)((v - mean) / scale));

        var previousThreads = torch.get_num_threads();
        if (options.Threads is { } threads) torch.set_num_threads(threads);
        try
        {
            torch.manual_seed(options.Seed);
            var module = new TarNetModule(d, options.Hidden, arms, options.Dropout);
            try
            {
                TarNetTraining.Train(module, x, d, arm, target, options, progress, cancellationToken);
            }
            catch
            {
                module.Dispose();
                throw;
            }
            return new TarNet(module, d, arms, options.Hidden, options.BinaryOutcome, mean, scale);
        }
        finally
        {
            if (options.Threads is not null) torch.set_num_threads(previousThreads);
        }
    }

    /// <summary>Returns row-major n x arms predicted outcomes (probabilities when BinaryOutcome).</summary>
    public float[] Predict(float[] x, int n)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (n < 0 || x.LongLength != (long)n * Inputs)
            throw new ArgumentException($"Expected {n} rows x {Inputs} inputs = {(long)n * Inputs} values, got {x.LongLength}.", nameof(x));

        var result = new float[(long)n * Arms];
        if (n == 0) return result;
        using var noGrad = torch.no_grad();
        using var all = torch.tensor(x, [n, Inputs]);
        // Scalars held for the whole loop: a temporary one can be freed by a garbage collection during the native call (decision 0064).
        using var scale = outcomeScale.ToScalar();
        using var mean = outcomeMean.ToScalar();
        using var one = 1.0.ToScalar();
        for (var start = 0; start < n; start += PredictBatch)
        {
            using var scope = torch.NewDisposeScope();
            var output = module.forward(all.narrow(0, start, Math.Min(PredictBatch, n - start)));
            var outcome = BinaryOutcome ? output.sigmoid() : output.mul(scale).add(mean, one);
            outcome.data<float>().CopyTo(result, start * Arms);
        }
        return result;
    }

    /// <summary>A header (magic, version, shape, outcome kind and scale), a SHA-256 of the weights, and the weights.</summary>
    public byte[] Save()
    {
        using var weights = new MemoryStream();
        module.save(weights);
        var payload = weights.ToArray();

        using var output = new MemoryStream();
        using (var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Inputs);
            writer.Write(Arms);
            writer.Write(Hidden);
            writer.Write(BinaryOutcome);
            writer.Write(outcomeMean);
            writer.Write(outcomeScale);
            writer.Write(payload.Length);
            writer.Write(SHA256.HashData(payload));
            writer.Write(payload);
        }
        return output.ToArray();
    }

    /// <summary>Reads what <see cref="Save"/> wrote; throws InvalidDataException when the bytes are not such a model.</summary>
    public static TarNet Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        int inputs, arms, hidden, length;
        bool binary;
        double mean, scale;
        byte[] hash, payload;
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw Corrupt("it does not start with the TARNET marker");
            var version = reader.ReadInt32();
            if (version != FormatVersion) throw Corrupt($"its format version {version} is not {FormatVersion}");
            inputs = reader.ReadInt32();
            arms = reader.ReadInt32();
            hidden = reader.ReadInt32();
            binary = reader.ReadBoolean();
            mean = reader.ReadDouble();
            scale = reader.ReadDouble();
            length = reader.ReadInt32();
            hash = reader.ReadBytes(SHA256.HashSizeInBytes);
            if (inputs < 1 || arms < 2 || hidden < 1 || !double.IsFinite(mean) || !double.IsFinite(scale) || scale <= 0)
                throw Corrupt($"its header is invalid (inputs {inputs}, arms {arms}, hidden {hidden})");
            if (length < 0 || length != bytes.Length - reader.BaseStream.Position)
                throw Corrupt("its length does not match its header (truncated or padded)");
            payload = reader.ReadBytes(length);
        }
        catch (EndOfStreamException)
        {
            throw Corrupt("it ends inside its header");
        }
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
            throw Corrupt("its weights do not match their checksum");

        TorchRuntime.EnsureLoaded();
        var module = new TarNetModule(inputs, hidden, arms, dropout: 0);
        try
        {
            using var weights = new MemoryStream(payload, writable: false);
            module.load(weights, strict: true);
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            module.Dispose();
            throw new InvalidDataException($"Not a TARNet model: its weights do not fit a {inputs}x{hidden}x{arms} network ({ex.Message}).", ex);
        }
        return new TarNet(module, inputs, arms, hidden, binary, mean, scale);
    }

    public void Dispose() => module.Dispose();

    private static InvalidDataException Corrupt(string reason) => new($"Not a TARNet model: {reason}.");

    private static void Validate(float[] x, int d, int[] arm, float[] y, int arms, TarNetOptions options)
    {
        var n = arm.Length;
        if (n == 0) throw new ArgumentException("No training rows.", nameof(arm));
        if (d < 1) throw new ArgumentException($"Inputs per row must be positive, got {d}.", nameof(d));
        if (arms < 2) throw new ArgumentException($"At least two arms are needed, got {arms}.", nameof(arms));
        if (y.Length != n) throw new ArgumentException($"{n} arms but {y.Length} outcomes.", nameof(y));
        if (x.LongLength != (long)n * d)
            throw new ArgumentException($"Expected {n} rows x {d} inputs = {(long)n * d} values, got {x.LongLength}.", nameof(x));
        if (options.Hidden < 1 || options.Epochs < 1 || options.BatchSize < 1 || options.Patience < 1 ||
            !(options.LearningRate > 0) || !(options.WeightDecay >= 0) || !(options.Dropout is >= 0 and < 1) ||
            options.Threads is < 1)
            throw new ArgumentException($"Invalid TARNet options: {options}.", nameof(options));

        var rowsPerArm = new int[arms];
        foreach (var a in arm)
        {
            if ((uint)a >= (uint)arms) throw new ArgumentException($"Arm {a} is outside 0..{arms - 1}.", nameof(arm));
            rowsPerArm[a]++;
        }
        var empty = Array.IndexOf(rowsPerArm, 0);
        if (empty >= 0) throw new ArgumentException($"Arm {empty} has no rows.", nameof(arm));
        if (!Array.TrueForAll(x, float.IsFinite)) throw new ArgumentException("Inputs contain NaN or infinity; impute and standardize first.", nameof(x));
        if (options.BinaryOutcome ? !Array.TrueForAll(y, v => v is 0f or 1f) : !Array.TrueForAll(y, float.IsFinite))
            throw new ArgumentException(options.BinaryOutcome ? "Binary outcomes must be 0 or 1." : "Outcomes contain NaN or infinity.", nameof(y));
    }

    private static (double Mean, double Scale) MeanAndScale(float[] y)
    {
        var mean = y.Average(v => (double)v);
        var sd = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / y.Length);
        return (mean, sd > 0 ? sd : 1.0);
    }
}
