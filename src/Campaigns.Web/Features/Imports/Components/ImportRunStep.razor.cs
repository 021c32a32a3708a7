using Campaigns.Application.Imports;
using Campaigns.Domain.Jobs;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Imports.Components;

/// <summary>The wizard's last step: the background run's progress and outcome, where a stopped run stands, and its resume.</summary>
public partial class ImportRunStep
{
    /// <summary>The job run as last read.</summary>
    [Parameter, EditorRequired] public JobRun Run { get; set; } = null!;

    /// <summary>The import run the job recorded, once the job has finished (null before).</summary>
    [Parameter] public ImportRunState? State { get; set; }

    /// <summary>A resume is being queued.</summary>
    [Parameter] public bool Disabled { get; set; }

    /// <summary>Raised to continue a stopped run from its position.</summary>
    [Parameter] public EventCallback OnResume { get; set; }
}
