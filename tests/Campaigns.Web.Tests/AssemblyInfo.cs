// Several test hosts in one process share Hangfire's process-wide defaults; run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
