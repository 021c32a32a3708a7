// TorchSharp's random seed and thread count are process-wide: a TARNet fitted in one test class would change another's
// "same seed, same model" result, so the test classes of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
