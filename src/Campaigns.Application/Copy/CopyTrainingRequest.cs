using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

public sealed record CopyTrainingRequest(int Epochs = 20, int Bootstraps = 20, int Seed = 42, int? Threads = null)
{
    /// <summary>Overrides every generator option but the seed, epochs and threads (smaller networks in tests).</summary>
    public CopyGeneratorOptions? Generator { get; init; }

    internal CopyGeneratorOptions GeneratorOptions()
    {
        var o = Generator ?? new CopyGeneratorOptions();
        o.Seed = Seed;
        o.Epochs = Epochs;
        o.Threads = Threads ?? o.Threads;
        return o;
    }
}

