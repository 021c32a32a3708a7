using Campaigns.Application.Common;
using Campaigns.Application.Models;
using Campaigns.Domain;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Features.Models.Components;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Models;

/// <summary>The Models page: every registered kind's section, and the operations they raise (promote, roll back, alerts, schedules, monitoring).</summary>
public partial class ModelRegistry
{
    private ModelRegistrySnapshot _data = ModelRegistrySnapshot.Empty;
    private readonly List<Guid> _compared = [];
    private VersionOperation? _operation;
    private Result? _result;
    private bool _busy;
    private Timer? _timer;

    [Inject] private ModelRegistryReader Reader { get; set; } = default!;
    [Inject] private ModelOperations Operations { get; set; } = default!;
    [Inject] private ScheduleAdmin Schedules { get; set; } = default!;
    [Inject] private JobRunner Runner { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _data = await Reader.LoadAsync();
        // Training progress is written by whichever instance runs it; poll the shared record while one is active.
        _timer = new Timer(_ => InvokeAsync(async () =>
        {
            if (!_data.AnyRunActive) return;
            _data = await Reader.LoadAsync();
            StateHasChanged();
        }), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private async Task ReloadAsync() => _data = await Reader.LoadAsync();

    private async Task RunAsync(Func<string, Task<Result>> operation)
    {
        _busy = true;
        try
        {
            // The alert at the top of the page says what happened, once; a snackbar beside it said it again, in red even
            // for a sign-off that was requested as asked.
            _result = await operation(await CurrentUser.NameAsync());
            _data = await Reader.LoadAsync();
        }
        finally { _busy = false; }
    }

    private async Task ApplyAsync(string reason)
    {
        if (_operation is not var (row, rollBack)) return;
        await RunAsync(user => rollBack ? Operations.RollBackAsync(row.Id, user, reason) : Operations.PromoteAsync(row.Id, user, reason));
        if (_result?.Succeeded == true || _data.AwaitingSignOff.Contains(row.Id)) _operation = null;
    }

    private Task SaveScheduleAsync(ScheduleRequest request) => RunAsync(user => Schedules.SaveAsync(request, user));

    private async Task CheckNowAsync()
    {
        try
        {
            await Runner.EnqueueAsync(ModelRegistryReader.MonitorJob, null, await CurrentUser.NameAsync());
            Snackbar.Add("Monitoring queued; its findings show here when it ends.", Severity.Info);
        }
        catch (DomainException ex) { Snackbar.Add(ex.Message, Severity.Warning); }
        _data = await Reader.LoadAsync();
    }

    private void ToggleCompare(Guid id)
    {
        if (!_compared.Remove(id)) _compared.Add(id);
        if (_compared.Count > 2) _compared.RemoveAt(0);
    }

    public void Dispose() => _timer?.Dispose();
}
