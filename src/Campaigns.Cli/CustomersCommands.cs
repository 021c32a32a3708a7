using System.Diagnostics;
using System.Globalization;
using Campaigns.Analytics.Customers;
using Campaigns.Imports.Csv;
using Campaigns.Ml.Customers;

namespace Campaigns.Cli;

/// <summary>`campaigns customers predict|backtest`: churn risk, purchase propensity, predicted value and personas from an order history CSV.</summary>
internal static class CustomersCommands
{
    public static int Predict(CommandOptions options)
    {
        var outPath = options.Value("out") ?? throw new ArgumentException("--out PRED.csv is required.");
        var (history, asOf, models, features, clock) = Prepare(options);
        var trained = clock.Elapsed;
        var predictions = models.Predict(features);
        var scored = clock.Elapsed - trained;
        using (var writer = new StreamWriter(outPath))
        {
            writer.WriteLine("customer_id,churn_risk,purchase_probability,expected_orders_12m,predicted_value_12m,persona");
            for (var i = 0; i < features.Count; i++)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{CsvText.Cell(history.CustomerIds[features.Customer[i]])},{predictions.ChurnRisk[i]:0.####},{predictions.PurchaseProbability[i]:0.####},{predictions.ExpectedOrders[i]:0.###},{predictions.PredictedValue[i]:0.##},{CsvText.Cell(models.Personas.Personas[predictions.Persona[i]].Name)}"));
        }
        Console.WriteLine($"{features.Count:N0} customers with orders before {asOf:yyyy-MM-dd}: trained in {trained.TotalSeconds:0.0} s, scored in {scored.TotalSeconds:0.0} s; written to {outPath}");
        Console.WriteLine($"Value model: {models.ValueChoice.Model} ({models.ValueChoice.Reason})");
        return 0;
    }

    public static int Backtest(CommandOptions options)
    {
        var (history, asOf, models, _, _) = Prepare(options);
        var r = CustomerBacktest.Run(history, asOf, models);
        var o = r.Options;
        Console.WriteLine($"{r.Customers:N0} customers with orders before {asOf:yyyy-MM-dd}; the orders after it cover {r.CoveredDays} days (to {asOf.AddDays(r.CoveredDays - 1):yyyy-MM-dd}).");
        Classifier($"Churn risk, no order in {o.ChurnDays} days", r.Churn, r.ChurnByRecency, r.CoveredDays, o.ChurnDays);
        Classifier($"Purchase propensity, an order in {o.PurchaseDays} days", r.Purchase, r.PurchaseByRecency, r.CoveredDays, o.PurchaseDays);

        var (m, b) = (r.Value, r.ValueBaseline);
        Console.WriteLine($"Predicted value, spend in {r.ValueDaysObserved} days{(r.ValueDaysObserved < o.ValueDays ? $" (of {o.ValueDays}; predictions pro rata)" : "")}: " +
                          $"chosen {r.ValueChoice.Model} ({r.ValueChoice.Reason})");
        Console.WriteLine($"  {"",-22} {"MAE",10} {"top 20% share",14} {"predicted total",16} {"actual total",14}");
        Console.WriteLine($"  {"model",-22} {F(m.MeanAbsoluteError),10} {P(m.TopFifthCapture),14} {F(m.PredictedTotal),16} {F(m.ActualTotal),14}");
        Console.WriteLine($"  {"BG/NBD + Gamma-Gamma",-22} {F(b.MeanAbsoluteError),10} {P(b.TopFifthCapture),14} {F(b.PredictedTotal),16} {F(b.ActualTotal),14}");
        Console.WriteLine("Personas: " + string.Join(", ", r.Personas.Select(p => $"{p.Name} {p.Size:N0}")));
        return 0;
    }

    private static void Classifier(string title, ClassifierQuality model, ClassifierQuality baseline, int covered, int days)
    {
        Console.WriteLine($"{title}{(covered < days ? $" (only {covered} days observed: churn is overstated)" : "")}: actual rate {P(model.Rate)}");
        Console.WriteLine($"  {"",-16} {"AUC",6} {"band",10} {"top-decile lift",16}");
        Console.WriteLine($"  {"model",-16} {model.Auc,6:0.000} {model.Band,10} {model.TopDecileLift,16:0.00}");
        Console.WriteLine($"  {"recency alone",-16} {baseline.Auc,6:0.000} {baseline.Band,10} {baseline.TopDecileLift,16:0.00}");
        Console.WriteLine("  calibration by decile (highest scores first), predicted → actual: " +
                          string.Join("  ", model.Calibration.Select(c => $"{c.Predicted.ToString("0.00", CultureInfo.InvariantCulture)}→{c.Actual.ToString("0.00", CultureInfo.InvariantCulture)}")));
    }

    private static (OrderHistory, DateOnly, CustomerModels, CustomerFeatures, Stopwatch) Prepare(CommandOptions options)
    {
        var path = options.Value("orders") ?? throw new ArgumentException("--orders ORDERS.csv is required.");
        var customer = options.Value("customer") ?? throw new ArgumentException("--customer is required (the customer id column).");
        var date = options.Value("date") ?? throw new ArgumentException("--date is required (the order date column).");
        var amount = options.Value("amount") ?? throw new ArgumentException("--amount is required (the order amount column).");
        var asOfText = options.Value("as-of") ?? throw new ArgumentException("--as-of DATE is required (the cut-off, e.g. 2026-06-01).");
        var asOf = DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new ArgumentException($"--as-of must be a date like 2026-06-01, not '{asOfText}'.");
        var horizon = options.Int("horizon-days", 90);
        var history = OrdersCsv.Load(path, customer, date, amount, options.Value("category"), options.Value("discount"));
        var clock = Stopwatch.StartNew();
        if (CustomerFeatures.AsOf(history, asOf).Count == 0) throw new ArgumentException($"No order in '{path}' is before --as-of {asOf:yyyy-MM-dd}.");
        var models = CustomerModels.Train(history, asOf, new CustomerModelOptions { ChurnDays = horizon });
        return (history, asOf, models, models.FeaturesAsOf(history, asOf), clock);
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    private static string P(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
