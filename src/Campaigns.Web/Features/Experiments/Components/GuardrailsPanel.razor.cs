using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>What each treated arm's promotion costs beside its lift.</summary>
public partial class GuardrailsPanel
{
    [Inject] private MoneyFormat Money { get; set; } = default!;

    /// <summary>Whether any customer has been exposed; without traffic there is nothing to check.</summary>
    [Parameter] public bool HasTraffic { get; set; }

    /// <summary>One entry per treated arm.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<Guardrails> Guardrails { get; set; } = [];
}
