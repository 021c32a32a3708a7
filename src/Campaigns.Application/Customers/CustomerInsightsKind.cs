using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Customers;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Customers;

/// <summary>Churn risk, purchase propensity, predicted value and personas for every customer with orders, learned from the store's orders.</summary>
public sealed class CustomerInsightsKind : ModelKindDefinition
{
    /// <summary>Customers with orders a store needs before a first version is trained (the time splits need enough of each outcome).</summary>
    public const int MinimumCustomers = 200;

    public override ModelKind Kind => ModelKind.CustomerInsights;
    public override string Title => "Customer insights";
    /// <summary>The churn model's AUC on the backtest: customers scored as of a past cut-off, judged on whether they ordered after it.</summary>
    public override MainMetric Metric { get; } = new("churn AUC (backtest)", HigherIsBetter: true);
    public override Type Trainer => typeof(CustomerInsightsTrainingService);
    public override Type Monitor => typeof(CustomerInsightsMonitor);
    public override string? ServingJob => CustomerScoring.Job;

    public override void Verify(byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        var models = CustomerModels.Load(stream);
        if (models.Personas.Personas.Count == 0) throw new InvalidDataException("The model has no persona.");
    }

    public override async Task<bool> HasTrainingDataAsync(CampaignsDbContext db, CancellationToken ct) =>
        await db.Customers.Where(c => db.Orders.Any(o => o.CustomerId == c.Id)).OrderBy(c => c.Id).Take(MinimumCustomers).CountAsync(ct) >= MinimumCustomers;

    public override object? Details(string metricsJson, string featuresJson) => CustomerInsightsMetrics.FromJson(metricsJson);
}
