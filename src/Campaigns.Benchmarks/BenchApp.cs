using System.CommandLine;
using static Campaigns.Cli.CommandBuilder;

namespace Campaigns.Benchmarks;

/// <summary>The `campaigns-bench` tool: the measurements recorded in docs/benchmarks.md, kept out of the product CLI.</summary>
public static class BenchApp
{
    public static Task<int> RunAsync(string[] args) => CommandBuilder.RunAsync(CommandBuilder.Root("campaigns-bench: the measurements in docs/benchmarks.md.",
        new Command("uplift", "auto learner vs a tuned T-learner on Hillstrom and on synthetic data with known effects")
        {
            Text("--data", "the Hillstrom CSV", "hillstrom.csv"), Text("--seeds", "seeds per data set (default 3)", "N"), Text("--synthetic-rows", "synthetic rows (default 100000)", "N"),
            Text("--learners", "also each of these single learners, e.g. s,t,x,dr,neural", "LIST"),
        }.Runs(UpliftBenchmark.Quality),
        new Command("uplift-speed", "trains the default (or the given) learner on N synthetic rows x 12 features and scores N rows")
        {
            Text("--rows", "rows (default 1000000)", "N"), Learner(),
        }.Runs(UpliftBenchmark.Speed),
        new Command("targeting", "the app's targeting pipeline on the demo store, against the generator's true effects: auto vs tuned T-learner")
        {
            Customers("50000"), Text("--seed", "the demo store's seed (default 42)", "N"), Text("--as-of", "the day the features are taken, e.g. 2026-11-26"),
            Text("--seeds", "training seeds (default 3)", "N"),
        }.Runs(o => TargetingBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("offers", "the app's offer plan on the demo store, against the generator's true responses: auto vs T-learner, oracle, single offers")
        {
            Customers("50000"), Text("--seed", "the demo store's seed (default 42)", "N"), Text("--as-of", "the day the features are taken, e.g. 2026-11-26"),
            Switch("--candidates", "also train and price each of the automatic choice's candidates alone"),
        }.Runs(o => OffersBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("offers-speed", "trains the offer model on N synthetic rows x 4 arms, then prices and plans N customers")
        {
            Text("--rows", "rows (default 1000000)", "N"), Learner(),
        }.Runs(OffersSpeedBenchmark.Run),
        new Command("programme", "the programme report on demo stores with a global holdout against the generator's truth; simulated stores with a known programme effect (coverage); a copy test allocated by Thompson sampling (regret, coverage)")
        {
            Text("--demo-stores", "demo stores with a global holdout (default 10; 0 skips them)", "N"), Text("--demo-customers", "customers per demo store (default 50000)", "N"),
            Text("--first-seed", "the first demo store's seed (default 1)", "N"), Text("--as-of", "the demo stores' last day, e.g. 2026-11-26"),
            Text("--stores", "simulated stores for the programme effect (default 300; 0 skips them)", "N"), Customers("50000"),
            Text("--simulations", "repeated simulations of the bandit (default 500; 0 skips them)", "N"), Text("--periods", "15-minute re-weightings per test (default 96)", "N"),
            Text("--per-period", "customers arriving per period (default 400)", "N"),
        }.Runs(ProgrammeBenchmark.RunAsync),
        new Command("latency", "times the dashboard while idle and while a targeting model trains in the app at URL")
        {
            Password(), Url(), Email("admin@demo.local"), Learner(),
        }.Runs(LatencyBenchmark.RunAsync),
        new Command("copy-latency", "times \"Suggest copy\" through the app's API (database included) for every draft campaign in each tone")
        {
            Password(), Url(), Email("marketer@demo.local"), Text("--rounds", "rounds (default 3)", "N"),
        }.Runs(CopyLatencyBenchmark.RunAsync),
        new Command("audience", "seeds a store once, trains a targeting model if none, times a budgeted audience over every customer")
        {
            Customers("1000000"), Learner(), Text("--runs", "timed runs (default 3)", "N"),
        }.Runs(o => AudienceBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("customers", "seeds a store once, trains the customer models (backtest included) and times rescoring every customer and audience rules over the scores; " +
            "with --demo, judges them against the demo generator's true future instead")
        {
            Text("--customers", "customers (default 1000000; 50000 with --demo)", "N"), Text("--retrain", "train a new version even when one is current (any value)", "yes"),
            Switch("--demo", "seed the demo store as of a fixed day and judge the models against the generator's truth"),
            Text("--seed", "with --demo, the demo store's seed (default 42)", "N"), Text("--as-of", "with --demo, the end of the demo history (default 2026-11-26)"),
        }.Runs(o => CustomersBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("import", "imports customers, products and N order lines into an empty database and reports lines/s")
        {
            Text("--lines", "order lines (default 1000000)", "N"), Customers("100000"), Text("--products", "products (default 2000)", "N"),
            Text("--file", "keeps the generated orders file here", "ORDERS.csv"), Text("--batch", "rows per transaction (default 50000)", "N"),
        }.Runs(o => ImportBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("ingest", "posts realistic event batches for the live campaigns' assigned customers and reports events/s")
        {
            Url(), Text("--key", "an API key with the ingest scope", "KEY"), Text("--events", "events (default 1000000)", "N"),
            Text("--batch", "events per request (default 10000)", "N"), Text("--concurrency", "requests at once (default 4)", "N"),
        }.Runs(o => IngestBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("load", "N users read the dashboard and one experiment's results at URL while events are posted at a target rate; p50/p95/p99 per route")
        {
            Url(), Password(), Email("manager@demo.local"), Text("--key", "an API key with the ingest scope", "KEY"),
            Text("--users", "concurrent users (default 200)", "N"), Text("--seconds", "duration (default 30)", "N"),
            Text("--rate", "events offered per second (default 50000; 0 for none)", "N"), Text("--batch", "events per request (default 5000)", "N"),
            Text("--senders", "event batches in flight at most (default 8)", "N"), Text("--think-ms", "a user's mean pause between requests (default 1000)", "MS"),
        }.Runs(o => LoadBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("results", "builds a large experiment once, times the rollup, and times the full results from the app at URL")
        {
            Customers("10000000"), Text("--events", "events (default 50000000)", "N"), Url(), Password(), Email("manager@demo.local"),
        }.Runs(o => ResultsBenchmark.RunAsync(o, CommandOptions.OpenDatabase)),
        new Command("rollup", "builds the results benchmark's experiment once (every million events touch a million different customers), then empties the rollup and times catching up")
        {
            Customers("1000000"), Text("--events", "events (default 5000000)", "N"), Text("--runs", "timed runs (default 1)", "N"),
        }.Runs(o => RollupBenchmark.RunAsync(o, CommandOptions.OpenDatabase))), args);

    private static Option<string> Customers(string fallback) => Text("--customers", $"customers (default {fallback})", "N");
    private static Option<string> Learner() => Text("--learner", "auto (default), s, t, x, dr or neural");
    private static Option<string> Url() => Text("--url", "the running app, e.g. http://127.0.0.1:5000", "URL");
    private static Option<string> Password() => Text("--password", "the password of the account that signs in", "P");
    private static Option<string> Email(string fallback) => Text("--email", $"who signs in (default {fallback})", "EMAIL");
}
