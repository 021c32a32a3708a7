namespace Campaigns.Ml.Copy;

/// <summary>
/// How candidates are sampled. The defaults sample well away from the mode: a model of a small, templated corpus puts
/// most of its mass on the training lines, which are dropped as verbatim; fluency comes from sampling only words that
/// continue the line as a training line does (<see cref="CopyGenerator.IsSupported"/>), not from a low temperature.
/// </summary>
/// <param name="Count">Candidates wanted after the guardrails.</param>
/// <param name="Temperature">Divides the logits: below 1 is safer, above 1 more varied.</param>
/// <param name="TopP">Nucleus sampling (Holtzman et al. 2020): sample only from the smallest set of tokens whose probability reaches this.</param>
/// <param name="MaxSamples">Samples drawn at most before giving up on reaching <paramref name="Count"/> × <paramref name="PoolFactor"/>.</param>
/// <param name="BatchSize">Samples drawn together, one forward pass per step for the whole batch.</param>
/// <param name="PoolFactor">Candidates gathered per one returned: the returned ones are the most diverse <paramref name="Count"/> of them.</param>
/// <param name="EnoughDistinct2">Sampling also stops once the most diverse <paramref name="Count"/> gathered reach this distinct-2; null: always gather the whole pool.</param>
/// <param name="TimeBudgetSeconds">Sampling stops when this much time has passed and returns the candidates found by then; null: no limit.</param>
/// <param name="Shown">Lines already shown in this session (filled, as shown): never suggested again, so "Regenerate" gives new ones.</param>
public sealed record GenerationOptions(int Count = 10, double Temperature = 1.6, double TopP = 0.98, int Seed = 0, int MaxTokens = 40,
    int MaxSamples = 4096, int BatchSize = 128, int PoolFactor = 3, double? EnoughDistinct2 = 0.8, double? TimeBudgetSeconds = 1.5,
    IReadOnlyCollection<string>? Shown = null);
