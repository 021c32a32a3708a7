using Campaigns.Application.Models;
using Campaigns.Domain;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Models.Components;

public partial class ModelKindSection
{
    private List<ModelVersionRow> _versions = [];
    private List<JobRun> _runs = [];
    private List<ModelVersionRow> _compared = [];

    [Inject] private JobRunner Runner { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    /// <summary>The kind shown.</summary>
    [Parameter, EditorRequired] public ModelKindDefinition Definition { get; set; } = default!;

    /// <summary>The page's registry read, of every kind: the section takes its own kind's part.</summary>
    [Parameter, EditorRequired] public ModelRegistrySnapshot Data { get; set; } = ModelRegistrySnapshot.Empty;

    /// <summary>Versions ticked for comparison, across kinds (the page keeps the last two).</summary>
    [Parameter] public IReadOnlyList<Guid> Compared { get; set; } = [];

    /// <summary>The promotion (false) or rollback (true) being confirmed, of any kind; its reason form shows in its kind's section.</summary>
    [Parameter] public VersionOperation? Operation { get; set; }

    /// <summary>An operation is running: buttons wait.</summary>
    [Parameter] public bool Busy { get; set; }

    /// <summary>Raised with a version's id when its comparison box is ticked or cleared.</summary>
    [Parameter] public EventCallback<Guid> OnCompareToggled { get; set; }

    /// <summary>Raised with the promotion or rollback to confirm, or null when its form is cancelled.</summary>
    [Parameter] public EventCallback<VersionOperation?> OnOperation { get; set; }

    /// <summary>Raised with the reason when the promotion or rollback is confirmed.</summary>
    [Parameter] public EventCallback<string> OnApply { get; set; }

    /// <summary>Raised to run monitoring now.</summary>
    [Parameter] public EventCallback OnCheck { get; set; }

    /// <summary>Raised with an alert's id to clear it.</summary>
    [Parameter] public EventCallback<Guid> OnClearAlert { get; set; }

    /// <summary>Raised with the schedule to save.</summary>
    [Parameter] public EventCallback<ScheduleRequest> OnSaveSchedule { get; set; }

    /// <summary>Raised after a training was queued or a cancel requested: the page reads the registry again.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private ModelKind Kind => Definition.Kind;

    /// <summary>A training of this kind is queued or running (only one at a time).</summary>
    private bool Training => _runs.Any(r => !r.IsFinished);

    protected override void OnParametersSet()
    {
        _versions = Data.Versions.Where(v => v.Kind == Kind).ToList();
        _runs = Data.Runs.Where(r => r.Kind == Definition.TrainingJob).Take(3).ToList();
        _compared = _versions.Where(v => Compared.Contains(v.Id)).ToList();
    }

    /// <summary>What the promotion or rollback changes, said before the Admin confirms it.</summary>
    private static string OperationHint(ModelVersionRow row, bool rollBack, ModelVersionRow? current) =>
        $"v{row.Version} becomes the current model at once: scoring and audiences built from now on use it"
        + (current is null ? "." : $", and v{current.Version} is retired (kept, so it can be restored).")
        + (rollBack ? "" : " If it failed its bar or is worse than the current version on the main metric, a Manager must sign off first.");

    /// <summary>Queues a training of this kind, with the uplift model's learner or no choices (the copy models).</summary>
    private async Task TrainAsync(object? parameters)
    {
        try
        {
            await Runner.EnqueueAsync(Definition.TrainingJob, parameters, await CurrentUser.NameAsync());
            Snackbar.Add("Training queued; progress shows here.", Severity.Info);
        }
        catch (DomainException ex) { Snackbar.Add(ex.Message, Severity.Warning); }
        await OnChanged.InvokeAsync();
    }

    private async Task CancelAsync(Guid runId)
    {
        if (await Runner.RequestCancelAsync(runId, await CurrentUser.NameAsync())) Snackbar.Add("Cancel requested: the run stops at its next step and keeps nothing.", Severity.Info);
        await OnChanged.InvokeAsync();
    }
}
