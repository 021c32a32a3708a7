using Campaigns.Analytics;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>How far the experiment is from the sample that detects the wanted effect, and how long the rest takes.</summary>
public partial class PowerPanel
{
    /// <summary>The estimate; null when there are no control conversions to plan from.</summary>
    [Parameter] public PowerProgress? Power { get; set; }

    /// <summary>Whether traffic still arrives: a stopped experiment gains no more customers, so it has no days to go.</summary>
    [Parameter] public bool Running { get; set; } = true;
}
