using Campaigns.Application.Audiences;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Models;
using Campaigns.Application.Offers;
using Campaigns.Web.Components;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Offers;

public partial class OfferPlanPage : IDisposable
{
    [Parameter] public Guid CampaignId { get; set; }
    [Inject] private IServiceScopeFactory Scopes { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private MoneyFormat Money { get; set; } = null!;

    private OfferPlanSetup? _setup;
    private bool _notFound, _planning, _saving, _canSave;
    private readonly AudienceForm _form = new();
    private decimal? _budget;
    private OfferPlanResult? _result;
    private string? _error, _explainError, _customerKey;
    private CustomerOffers? _explained;
    private double _progress;
    private bool _applying;
    private string? _depthError;
    private IReadOnlyList<Domain.FieldError> _depthErrors = [];
    private CancellationTokenSource? _cancel;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        var setup = await scope.ServiceProvider.GetRequiredService<OfferPlanService>().SetupAsync(CampaignId);
        if (setup is null) { _notFound = true; return; }
        _budget = setup.Campaign.Budget > 0 ? setup.Campaign.Budget : null;
        _canSave = !setup.Campaign.AudienceIsFixed;
        // Set last: the form renders once everything it shows is loaded, so nothing typed early is overwritten.
        _setup = setup;
    }

    private async Task PlanAsync()
    {
        _error = null;
        _planning = true;
        _progress = 0;
        _cancel = new CancellationTokenSource();
        try
        {
            var rules = _form.ToRules();
            if (rules.Value is not { } eligible)
            {
                _error = rules.Message;
                return;
            }
            await using var scope = Scopes.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<OfferPlanService>();
            var progress = new SyncProgress<double>(p => { _progress = p; _ = InvokeAsync(StateHasChanged); });
            var token = _cancel.Token;
            // Pricing every offer on every customer is CPU work; run it off the circuit's thread so the page keeps rendering progress.
            var planned = await Task.Run(() => service.PlanAsync(new OfferPlanRequest(CampaignId, eligible, _budget, _form.WeighRetention), progress, token));
            if (planned.Value is { } result) (_result, _explained) = (result, null);
            else _error = planned.Message;
        }
        catch (OperationCanceledException) { _error = "Cancelled: nothing was planned."; }
        catch (InvalidDataException ex) { _error = $"The offer model could not be loaded: {ex.Message}"; }
        finally
        {
            _planning = false;
            _cancel.Dispose();
            _cancel = null;
        }
    }

    /// <summary>Makes the range the campaign's offers, then starts the plan again from them (an earlier result priced the old offers).</summary>
    private async Task ApplyDepthsAsync(DepthRange range)
    {
        (_depthError, _depthErrors, _applying) = (null, [], true);
        try
        {
            var user = await CurrentUser.NameAsync();
            await using var scope = Scopes.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<DiscountDepthService>().ApplyAsync(CampaignId, range, user);
            if (applied.Value is null)
            {
                (_depthError, _depthErrors) = (applied.Errors.Count > 0 ? null : applied.Message, applied.Errors);
                return;
            }
            Snackbar.Show(applied);
            (_result, _explained) = (null, null);
            await LoadAsync();
        }
        finally { _applying = false; }
    }

    private void Cancel() => _cancel?.Cancel();

    private async Task ExplainAsync()
    {
        (_explainError, _explained) = (null, null);
        if (string.IsNullOrWhiteSpace(_customerKey))
        {
            _explainError = "Type a customer id, e.g. one from the audience export.";
            return;
        }
        await using var scope = Scopes.CreateAsyncScope();
        var explained = await scope.ServiceProvider.GetRequiredService<OfferPlanService>().ExplainAsync(CampaignId, _customerKey);
        if (explained.Value is { } offers) _explained = offers;
        else _explainError = explained.Message;
    }

    private async Task SaveAsync()
    {
        if (_result is null) return;
        _saving = true;
        try
        {
            var user = await CurrentUser.NameAsync();
            await using var scope = Scopes.CreateAsyncScope();
            var saved = await scope.ServiceProvider.GetRequiredService<OfferPlanService>().SaveAsync(_result, user);
            if (saved.Value is not null) Snackbar.Show(saved);
            else _error = saved.Message;
        }
        finally { _saving = false; }
    }

    public void Dispose() => _cancel?.Cancel();
}
