using System.ComponentModel.DataAnnotations;
using Campaigns.Ml.Customers;

namespace Campaigns.Application.Customers;

/// <summary>The customer models' horizons and persona count (appsettings section <c>CustomerInsights</c>).</summary>
public sealed class CustomerInsightsOptions
{
    public const string Section = "CustomerInsights";

    /// <summary>Churn risk is the chance of no order in this many days.</summary>
    [Range(14, 365)] public int ChurnDays { get; set; } = 90;
    /// <summary>Purchase propensity is the chance of an order in this many days.</summary>
    [Range(7, 180)] public int PurchaseDays { get; set; } = 30;
    [Range(2, 12)] public int Personas { get; set; } = 6;

    public CustomerModelOptions ModelOptions => new() { ChurnDays = ChurnDays, PurchaseDays = PurchaseDays, Personas = Personas };
}
