// Each browser test starts its own app and Chromium, and some train models: on a 2-core machine two at once starve
// each other's circuits until clicks time out, so they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
