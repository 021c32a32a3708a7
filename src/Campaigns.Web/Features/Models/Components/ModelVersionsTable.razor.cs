using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Models.Components;

public partial class ModelVersionsTable
{
    private Guid? _open;

    /// <summary>The kind the versions belong to (names the table and its main metric).</summary>
    [Parameter, EditorRequired] public ModelKind Kind { get; set; }

    /// <summary>The kind's versions, newest first.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ModelVersionRow> Versions { get; set; } = [];

    /// <summary>Ids of the versions ticked for comparison.</summary>
    [Parameter] public IReadOnlyCollection<Guid> Compared { get; set; } = [];

    /// <summary>Ids of versions waiting for a Manager's sign-off (marked in the status column).</summary>
    [Parameter] public IReadOnlySet<Guid> AwaitingSignOff { get; set; } = new HashSet<Guid>();

    /// <summary>Raised with a version's id when its compare box is ticked or unticked.</summary>
    [Parameter] public EventCallback<Guid> OnCompareToggled { get; set; }

    /// <summary>Raised when the Admin asks to promote a candidate (the page asks for a reason).</summary>
    [Parameter] public EventCallback<ModelVersionRow> OnPromote { get; set; }

    /// <summary>Raised when the Admin asks to roll back to a retired version (the page asks for a reason).</summary>
    [Parameter] public EventCallback<ModelVersionRow> OnRollBack { get; set; }

    private string MetricName => ModelKinds.Get(Kind).Metric.Name;

    private void ToggleDetails(Guid id) => _open = _open == id ? null : id;

    private static Color ColorOf(ModelStatus status) => status switch
    {
        ModelStatus.Current => Color.Success,
        ModelStatus.Candidate => Color.Info,
        ModelStatus.Failed => Color.Error,
        _ => Color.Default,
    };
}
