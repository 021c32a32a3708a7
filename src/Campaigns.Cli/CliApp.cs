using System.CommandLine;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Domain.Integration;
using Microsoft.EntityFrameworkCore;
using static Campaigns.Cli.CommandBuilder;

namespace Campaigns.Cli;

/// <summary>The `campaigns` command line: the same services as the web app, without the web.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args) => CommandBuilder.RunAsync(CommandBuilder.Root("campaigns: the same services as the web app, without the web.",
        new Command("seed", "generates the demo store into an empty database")
        {
            Text("--customers", "how many customers (default 50000)", "N"), Text("--seed", "the random seed (default 42)", "N"),
            Switch("--reset", "deletes the database first"),
        }.Runs(SeedAsync),
        new Command("apikey", "integration API keys")
        {
            new Command("create", "creates an integration API key with the scopes named and prints it once")
            {
                Text("--name", "the key's name", "NAME"), Text("--scopes", "one or more of assign, ingest, import, comma-separated", "SCOPES"),
            }.Runs(CreateKeyAsync),
        },
        ImportCommand(),
        new Command("stats", "experiment statistics")
        {
            new Command("analyze", "analyses one row per customer and prints the verdicts the results page shows")
            {
                Text("--data", "the CSV, one row per customer", "FILE.csv"), Text("--arm-column", "the column naming each row's arm", "C"),
                Text("--control", "the arm value of the control group", "VALUE"), Many("--metric", "a metric column (repeat for several)", "M"),
                Text("--pre-column", "a pre-period column for CUPED", "P"), Text("--engine", "frequentist (default), bayesian or sequential"),
                Text("--correction", "none, holm (default) or benjamini-hochberg"), Switch("--json", "prints JSON"),
            }.Runs(StatsAnalyze.Run),
            new Command("experiment", "prints a stored experiment's results, read from the database by the service the results page uses")
            {
                Text("--id", "the experiment's id", "ID"),
                Text("--engine", "frequentist, bayesian or sequential"), Text("--correction", "none, holm or benjamini-hochberg"),
                Text("--cuped", "true or false"), Text("--winsorize", "the quantile that caps revenue, e.g. 0.99"), Switch("--json", "prints the API's JSON"),
            }.Runs(o => ExperimentResultsCommand.RunAsync(o, CommandOptions.OpenDatabase)),
        },
        new Command("uplift", "uplift models from experiment CSVs (one row per customer)")
        {
            new Command("train", "fits an uplift model (every other column is a feature) and prints each candidate's validation scores")
            {
                Text("--data", "the experiment CSV", "FILE.csv"), Text("--id", "the customer id column", "COL"), Text("--treatment", "the arm column", "COL"),
                Text("--control", "the arm value of the control group", "VALUE"), Text("--outcome", "the outcome column", "COL"),
                Text("--learner", "auto (default), s, t, x, dr or neural"), Many("--exclude", "columns that are not features, comma-separated", "COL,..."),
                Text("--seed", "the random seed (default 42)", "N"), Text("--threads", "training threads", "N"), Text("--model", "where to write the model", "OUT.zip"),
            }.Runs(UpliftCommands.Train),
            new Command("score", "writes customer_id,uplift (one uplift_<arm> column per arm with several treatment arms)")
            {
                Text("--model", "the model", "M.zip"), Text("--data", "the customers to score", "FILE.csv"), Text("--out", "where to write the scores", "SCORES.csv"),
                Text("--id", "the customer id column (default: the model's)", "COL"),
            }.Runs(UpliftCommands.Score),
            new Command("evaluate", "prints the Qini coefficient, AUUC and uplift@10/20/30% on labelled rows")
            {
                Text("--model", "the model", "M.zip"), Text("--data", "labelled rows", "FILE.csv"),
            }.Runs(UpliftCommands.Evaluate),
        },
        new Command("offers", "which offer pays for each customer, from experiment CSVs (one row per customer) and OFFERS.json")
        {
            new Command("train", "fits offer models (every other column is a feature), compares learners by cross-validated profit and prints the plan's policy values")
            {
                Text("--data", "the experiment CSV", "FILE.csv"), Text("--id", "the customer id column", "COL"), Text("--treatment", "the offer column", "COL"),
                Text("--control", "the treatment value of customers sent nothing", "VALUE"), Text("--outcome", "the 0/1 bought column", "COL"),
                Text("--revenue", "the gross basket column (0 when none)", "COL"), Text("--offers", "the offers and the store's margin and shipping", "OFFERS.json"),
                Text("--learner", "auto (default), t, x, dr or neural"), Many("--exclude", "columns that are not features, comma-separated", "COL,..."),
                Text("--seed", "the random seed (default 42)", "N"), Text("--threads", "training threads", "N"), Text("--model", "where to write the model", "OUT.zip"),
            }.Runs(OffersCommands.Train),
            new Command("plan", "writes customer_id,offer,expected_incremental_profit for every row: the offer that earns most, or none, within the budget")
            {
                Text("--model", "the model", "M.zip"), Text("--data", "customers to plan for (the model's feature columns and id)", "FILE.csv"),
                Text("--offers", "the offers", "OFFERS.json"), Text("--budget", "the most the offers may give away in all (default: no limit)", "AMOUNT"),
                Text("--out", "where the plan is written", "PLAN.csv"),
            }.Runs(OffersCommands.Plan),
            new Command("evaluate", "prints the plan's value against each single offer, random offers and nothing (IPS and DR, 95% intervals) and the cost curve on labelled rows")
            {
                Text("--model", "the model", "M.zip"), Text("--data", "labelled rows", "FILE.csv"), Text("--offers", "the offers", "OFFERS.json"),
            }.Runs(OffersCommands.Evaluate),
        },
        new Command("customers", "churn risk, purchase propensity, predicted value and personas from an order history CSV (one row per order)")
        {
            CustomerCommand("predict", "writes customer_id,churn_risk,purchase_probability,expected_orders_12m,predicted_value_12m,persona for every customer with an order before --as-of",
                Text("--out", "where the predictions are written", "PRED.csv")).Runs(CustomersCommands.Predict),
            CustomerCommand("backtest", "trains as of --as-of and prints each model's quality on the orders after it, against its baseline").Runs(CustomersCommands.Backtest),
        },
        new Command("copy", "the copy generator and click-through ranker")
        {
            new Command("train", "trains the copy generator (GRU), the click-through ranker and the tone classifier on the database's copy and catalogue and stores each as a model version (promoted as in the app)")
            {
                Text("--models", "also writes the models to this folder, for suggest and evaluate --models", "DIR"), Text("--epochs", "generator epochs (default 20)", "N"), Text("--bootstraps", "ranker bootstraps (default 20)", "N"), Text("--seed", "the random seed (default 42)", "N"),
            }.Runs(o => CopyCommands.TrainAsync(o, CommandOptions.OpenDatabase)),
            new Command("suggest", "prints candidates sorted by predicted CTR, with its interval and the words that move it, from the registry's current models (as the app)")
            {
                Text("--promotion", "the campaign's id", "CAMPAIGN_ID"), Text("--channel", "push (default), email-subject, email-body or banner"),
                Text("--tone", "urgent, friendly (default), premium or playful"), Count(), Text("--temperature", "sampling temperature (default 1.6)"),
                Text("--top-p", "nucleus sampling mass (default 0.98)"), Text("--seed", "the random seed (default 1)", "N"),
                Many("--banned", "words or phrases never suggested, comma-separated", "\"word,phrase\""), Text("--category", "the product category", "NAME"), Models(),
            }.Runs(o => CopyCommands.SuggestAsync(o, CommandOptions.OpenDatabase)),
            new Command("evaluate", "suggests for every campaign x channel x tone and checks each candidate (form, claims, slots, length, tone), variety, regenerate and time against the bars; exit 1 if a bar is missed")
            {
                Models(), Count(), Switch("--details", "prints every request and every failing candidate with its problems"),
            }.Runs(o => CopyCommands.EvaluateAsync(o, CommandOptions.OpenDatabase)),
        }), args);

    private static Command ImportCommand()
    {
        Argument<string> kind = new("kind") { Description = "customers, products, orders, campaign or copy" }, file = new("file") { Description = "a .csv or .csv.gz" };
        return new Command("import", "imports a .csv or .csv.gz (columns mapped from their names unless chosen); prints problems by row and column; exit 1 if rows were rejected")
        {
            kind, file,
            Many("--map", "COLUMN=FIELD pairs, comma-separated; FIELD \"ignore\" leaves a column out", "COLUMN=FIELD,..."), Text("--mapping", "a saved mapping", "NAME"),
            Text("--save-mapping", "saves the mapping used under NAME", "NAME"), Text("--culture", "how numbers and dates are written, e.g. de-DE"),
            Text("--row-id", "makes PREFIX + row number the customer id", "PREFIX"), Switch("--dry-run", "checks every row and stores nothing"),
            Text("--rejected", "writes the rejected rows to this file", "REJECTED.csv"), Text("--batch", "rows per transaction (default 50000)", "N"),
            Text("--resume", "resumes an interrupted import run", "RUN"),
            Text("--name", "campaign: the past campaign's name", "NAME"), Text("--control", "campaign: the arm value of the control group", "ARM"),
            Text("--date", "campaign: when it started, e.g. 2008-03-20"), Text("--days", "campaign: how long it ran (default 14)", "N"),
            Text("--channel", "campaign: Email (default), Push or OnsiteBanner"),
        }.Runs(o => Cli.ImportCommand.RunAsync(o.Argument("kind"), o.Argument("file"), o, CommandOptions.OpenDatabase));
    }

    private static Command CustomerCommand(string name, string description, params Option[] more)
    {
        var command = new Command(name, description);
        foreach (var option in CustomerOptions().Concat(more)) command.Options.Add(option);
        return command;
    }

    private static Option[] CustomerOptions() =>
    [
        Text("--orders", "the order history", "ORDERS.csv"), Text("--customer", "the customer id column", "COL"), Text("--date", "the order date column", "COL"),
        Text("--amount", "the order amount column", "COL"), Text("--category", "the product category column (optional)", "COL"),
        Text("--discount", "the discount amount column (optional)", "COL"), Text("--as-of", "the cut-off: features from orders before it", "DATE"),
        Text("--horizon-days", "the churn horizon (default 90)", "N"),
    ];

    private static Option<string> Models() => Text("--models", "uses the models `copy train --models DIR` wrote instead of the registry's current versions", "DIR");
    private static Option<string> Count() => Text("--n", "how many suggestions (default 10)", "N", alias: "-n");

    private static async Task<int> SeedAsync(CommandOptions options)
    {
        var customers = options.Int("customers", 50_000);
        await using var db = CommandOptions.OpenDatabase(options);
        if (options.Flag("reset")) await db.Database.EnsureDeletedAsync();
        await db.MigrateAsync(migrateServer: true);
        var seeder = new DemoStoreSeeder(db);
        if (!await seeder.IsStoreEmptyAsync()) throw new ArgumentException("The database already holds a store. Use --reset to replace it with a demo store.");
        var progress = new Progress<(string Stage, double Percent)>(p => Console.Error.Write($"\r{p.Stage,-14} {p.Percent,5:0}%"));
        var result = await seeder.SeedAsync(customers, options.Int("seed", 42), progress: progress);
        Console.Error.WriteLine();
        Console.WriteLine($"Seeded {result.Customers:N0} customers, {result.Orders:N0} orders ({result.OrderLines:N0} lines), {result.Campaigns} campaigns, " +
                          $"{result.Assignments:N0} assignments, {result.Events:N0} events, {result.CopyVariants:N0} copy lines in {result.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static async Task<int> CreateKeyAsync(CommandOptions options)
    {
        var name = options.Value("name") ?? throw new ArgumentException("--name is required.");
        // No default: a key gets exactly the rights its creator names.
        var named = options.Value("scopes") ?? throw new ArgumentException("--scopes is required: one or more of assign, ingest, import, comma-separated.");
        var scopes = ApiScopes.None;
        foreach (var s in named.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            scopes |= Enum.TryParse<ApiScopes>(s, true, out var scope) ? scope : throw new ArgumentException($"Unknown scope '{s}' (use assign, ingest, import).");
        if (scopes == ApiScopes.None) throw new ArgumentException("--scopes names no scope: use one or more of assign, ingest, import.");
        await using var db = CommandOptions.OpenDatabase(options);
        var (key, plain) = ApiKey.Create(name, scopes, "cli");
        db.ApiKeys.Add(key);
        db.Audit("cli", "apikey.create", nameof(ApiKey), key.Id, $"{key.Name} ({key.Scopes})");
        await db.SaveChangesAsync();
        Console.WriteLine(plain);
        return 0;
    }
}
