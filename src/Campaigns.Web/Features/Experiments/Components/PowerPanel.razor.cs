using Campaigns.Analytics;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>How far the experiment is from the sample that detects the wanted effect, and how long the rest takes.</summary>
public partial class PowerPanel
{
    /// <summary>The estimate; null when there are no control conversions to plan from.</summary>
    [Parameter] public PowerProgress? Power { get; set; }
}
