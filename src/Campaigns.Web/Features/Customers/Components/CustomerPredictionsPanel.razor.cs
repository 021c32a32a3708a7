using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Customers;
using Campaigns.Domain.Customers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Campaigns.Web.Features.Customers.Components;

/// <summary>The customer's latest predictions from the customer insights model, with the horizons they are about.</summary>
public partial class CustomerPredictionsPanel
{
    /// <summary>The customer shown.</summary>
    [Parameter, EditorRequired] public CustomerProfile Profile { get; set; } = default!;

    [Inject] private IOptions<CustomerInsightsOptions> Options { get; set; } = default!;

    private static Color BandColour(double risk) => CustomerScore.BandOf(risk) switch
    {
        ChurnBand.High => Color.Error,
        ChurnBand.Medium => Color.Warning,
        _ => Color.Success,
    };

    private static string TopShare(double percentile) =>
        percentile >= 0.5 ? $"in the top {Display.Percent(Math.Max(0.01, 1 - percentile), 0)} by predicted value" : "in the lower half by predicted value";
}
