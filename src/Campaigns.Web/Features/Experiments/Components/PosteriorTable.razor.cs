using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>The Bayesian engine's chance to beat control and expected losses of each choice.</summary>
public partial class PosteriorTable
{
    [Inject] private MoneyFormat Money { get; set; } = default!;

    /// <summary>The Bayesian engine's report.</summary>
    [Parameter, EditorRequired] public ExperimentReport Report { get; set; } = default!;
}
