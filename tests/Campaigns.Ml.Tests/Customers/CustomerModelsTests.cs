using Campaigns.Analytics.Customers;
using Campaigns.Ml.Customers;

namespace Campaigns.Ml.Tests.Customers;

public class CustomerModelsTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly Cut = new(2026, 1, 1);

    /// <summary>Three years: each customer buys at their own Poisson rate, may lapse after any order, spends around their own mean.</summary>
    private static OrderHistory Store(int customers, int seed)
    {
        var random = new Random(seed);
        var orders = new List<Order>();
        for (var c = 0; c < customers; c++)
        {
            var rate = 0.005 + 0.06 * Math.Pow(random.NextDouble(), 2);
            var lapse = 0.05 + 0.4 * random.NextDouble();
            var spend = 20 + 150 * random.NextDouble();
            var day = random.NextDouble() * 900;
            while (day < 1095)
            {
                orders.Add(new Order($"c{c}", Start.AddDays((int)day), spend * (0.6 + 0.8 * random.NextDouble()), random.NextDouble() < 0.5 ? "garden" : "toys"));
                if (random.NextDouble() < lapse) break;
                day += -Math.Log(1 - random.NextDouble()) / rate;
            }
        }
        return OrderHistory.From(orders);
    }

    private static OrderHistory Trimmed(OrderHistory history, DateOnly cutOff) =>
        OrderHistory.From(Enumerable.Range(0, history.Customers).SelectMany(c => Enumerable.Range(history.Start[c], history.Start[c + 1] - history.Start[c])
            .Where(o => history.Day[o] < cutOff.DayNumber)
            .Select(o => new Order(history.CustomerIds[c], DateOnly.FromDayNumber(history.Day[o]), history.Amount[o], history.Categories[history.Category[o]]))));

    [Fact]
    public void Churn_and_propensity_rank_customers_better_than_recency_alone_on_the_horizon_after_the_cut_off()
    {
        var history = Store(12_000, 4);
        var models = CustomerModels.Train(history, Cut);
        var features = CustomerFeatures.AsOf(history, Cut);
        var predictions = models.Predict(features);
        var (churned, bought) = (CustomerOutcomes.After(history, Cut, 90), CustomerOutcomes.After(history, Cut, 30));
        var n = features.Count;
        var (churn, purchase, recency, actualChurn, actualBuy) = (new double[n], new double[n], new double[n], new bool[n], new bool[n]);
        for (var i = 0; i < n; i++)
        {
            (churn[i], purchase[i], recency[i]) = (predictions.ChurnRisk[i], predictions.PurchaseProbability[i], features.Recency[i]);
            (actualChurn[i], actualBuy[i]) = (!churned.Ordered(features.Customer[i]), bought.Ordered(features.Customer[i]));
        }
        var negativeRecency = recency.Select(r => -r).ToArray();
        Assert.True(ClassifierQuality.Evaluate(churn, actualChurn).Auc > ClassifierQuality.Evaluate(recency, actualChurn).Auc);
        Assert.True(ClassifierQuality.Evaluate(purchase, actualBuy).Auc > ClassifierQuality.Evaluate(negativeRecency, actualBuy).Auc);
        Assert.All(predictions.ChurnRisk, p => Assert.InRange(p, 0f, 1f));
        Assert.All(predictions.PredictedValue, v => Assert.True(v >= 0));
        Assert.NotNull(models.ValueChoice.BaselineQuality); // two years before the cut-off: the value backtest ran
        Assert.Equal(Cut.AddDays(-365), models.ValueChoice.AsOf);
    }

    [Fact]
    public void Models_trained_as_of_a_cut_off_ignore_every_later_order()
    {
        var history = Store(3000, 5);
        var trimmed = Trimmed(history, Cut);
        var full = CustomerModels.Train(history, Cut).Predict(CustomerFeatures.AsOf(history, Cut));
        var past = CustomerModels.Train(trimmed, Cut).Predict(CustomerFeatures.AsOf(trimmed, Cut));
        Assert.Equal(past.ChurnRisk, full.ChurnRisk);
        Assert.Equal(past.PredictedValue, full.PredictedValue);
    }

    [Fact]
    public void The_bg_nbd_readings_the_boosted_models_learn_from_and_the_value_choice_ignore_every_later_order()
    {
        var history = Store(3000, 7);
        var trimmed = Trimmed(history, Cut);
        var options = new CustomerModelOptions();
        float[] Readings(OrderHistory h)
        {
            var features = CustomerFeatures.AsOf(h, Cut);
            var (bgNbd, gammaGamma) = CustomerModels.FitBaseline(features, options);
            return CustomerModels.Matrix(features, bgNbd, gammaGamma, options).X;
        }
        Assert.Equal(Readings(trimmed), Readings(history));

        var categories = CustomerFeatures.AsOf(history, Cut).CategoryNames;
        var (full, past) = (CustomerModels.ChooseValue(history, Cut, categories, options), CustomerModels.ChooseValue(trimmed, Cut, categories, options));
        Assert.Equal(Cut.AddDays(-options.ValueDays), full.AsOf);
        Assert.Equal(past.Candidates!.Select(c => c.Quality), full.Candidates!.Select(c => c.Quality));
        Assert.Equal(past.Weight, full.Weight);
    }

    [Fact]
    public void A_saved_model_loads_and_predicts_as_before_and_a_later_day_keeps_the_categories_it_learned()
    {
        var history = Store(3000, 6);
        var models = CustomerModels.Train(history, Cut);
        using var file = new MemoryStream();
        models.Save(file);
        file.Position = 0;
        var loaded = CustomerModels.Load(file);

        var features = loaded.FeaturesAsOf(history, Cut);
        var (before, after) = (models.Predict(features), loaded.Predict(features));
        Assert.Equal(before.ChurnRisk, after.ChurnRisk);
        Assert.Equal(before.PurchaseProbability, after.PurchaseProbability);
        Assert.Equal(before.PredictedValue, after.PredictedValue);
        Assert.Equal(before.Persona, after.Persona);
        Assert.Equal(models.Personas.Personas.Select(p => p.Name), loaded.Personas.Personas.Select(p => p.Name));

        // Months later a new category leads the orders: the model still reads the columns it learned, in its order.
        var later = OrderHistory.From(Enumerable.Range(0, history.Customers).SelectMany(c => Enumerable.Range(history.Start[c], history.Start[c + 1] - history.Start[c])
                .Select(o => new Order(history.CustomerIds[c], DateOnly.FromDayNumber(history.Day[o]), history.Amount[o], history.Categories[history.Category[o]])))
            .Concat(Enumerable.Range(0, 5000).Select(k => new Order($"c{k % 3000}", Cut.AddDays(k % 60), 30, "books"))));
        var columns = loaded.FeaturesAsOf(later, Cut.AddDays(90));
        Assert.Equal(models.Categories, columns.CategoryNames);
        Assert.Equal(columns.Count, loaded.Predict(columns).ChurnRisk.Length);
        var error = Assert.Throws<ArgumentException>(() => loaded.Predict(CustomerFeatures.AsOf(later, Cut.AddDays(90))));
        Assert.Contains("category columns", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_customer_models_is_refused_with_what_is_wrong()
    {
        var error = Assert.Throws<InvalidDataException>(() => CustomerModels.Load(new MemoryStream("not a zip"u8.ToArray())));
        Assert.Contains("Not customer models", error.Message);
    }

    [Fact]
    public void No_order_before_the_cut_off_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => CustomerModels.Train(Store(100, 1), Start));
        Assert.Contains("No orders before the cut-off 2024-01-01", error.Message);
    }
}
