using Campaigns.Analytics.Targeting;
using Campaigns.Application.Audiences;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Models;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Components;
using Campaigns.Web.Components.Charts;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Audiences;

public partial class AudienceBuilderPage : IDisposable
{
    [Parameter] public Guid CampaignId { get; set; }
    [Inject] private IServiceScopeFactory Scopes { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private MoneyFormat Money { get; set; } = null!;

    private Campaign? _campaign;
    /// <summary>The campaign's terms in words, as the header shows them.</summary>
    private string _offer = "";
    private bool _notFound, _building, _saving, _canSave;
    private ModelInfo? _model;
    private Audience? _saved;
    private RuleChoices _choices = RuleChoices.None;
    private readonly AudienceForm _form = new();
    private AudiencePlan? _plan;
    private string? _error;
    private double _progress;
    private double _retentionCredit;
    private CancellationTokenSource? _cancel;

    protected override async Task OnInitializedAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        var setup = await scope.ServiceProvider.GetRequiredService<AudienceBuilder>().SetupAsync(CampaignId);
        if (setup is null) { _notFound = true; return; }
        (_model, _choices, _saved, _retentionCredit) = (setup.Model, setup.Choices, setup.Saved, setup.RetentionCredit);
        _form.Budget = setup.Campaign.Budget;
        if (_model is null) _form.Selection = AudienceSelection.Everyone;
        _canSave = !setup.Campaign.AudienceIsFixed;
        _offer = setup.Campaign.Promotion.Describe(Money.Format);
        // Set last: the form renders once everything it shows is loaded, so nothing typed early is overwritten.
        _campaign = setup.Campaign;
    }

    private async Task BuildAsync()
    {
        _error = null;
        _building = true;
        _progress = 0;
        _cancel = new CancellationTokenSource();
        try
        {
            var asked = _form.ToRequest(CampaignId);
            if (asked.Value is not { } request)
            {
                _error = asked.Message;
                return;
            }
            await using var scope = Scopes.CreateAsyncScope();
            var builder = scope.ServiceProvider.GetRequiredService<AudienceBuilder>();
            var progress = new SyncProgress<double>(p => { _progress = p; _ = InvokeAsync(StateHasChanged); });
            var token = _cancel.Token;
            // Scoring is CPU work; run it off the circuit's thread so the page keeps rendering progress.
            var planned = await Task.Run(() => builder.PlanAsync(request, progress, token));
            if (planned.Value is { } plan) _plan = plan;
            else _error = planned.Message;
        }
        catch (OperationCanceledException) { _error = "Cancelled: nothing was built."; }
        catch (InvalidDataException ex) { _error = $"The targeting model could not be loaded: {ex.Message}"; }
        finally
        {
            _building = false;
            _cancel.Dispose();
            _cancel = null;
        }
    }

    private void Cancel() => _cancel?.Cancel();

    private async Task SaveAsync()
    {
        if (_plan is null) return;
        _saving = true;
        try
        {
            var user = await CurrentUser.NameAsync();
            await using var scope = Scopes.CreateAsyncScope();
            var saved = await scope.ServiceProvider.GetRequiredService<AudienceBuilder>().SaveAsync(_plan, user);
            if (saved.Value is { } audience)
            {
                _saved = audience;
                Snackbar.Show(saved);
            }
            else _error = saved.Message;
        }
        finally { _saving = false; }
    }

    private static IReadOnlyList<CurveSeries> ProfitSeries(Allocation a) =>
    [
        new CurveSeries("Expected profit", a.Curve.Select(p => ((double)p.Size, p.Profit)).ToList(), "var(--mud-palette-primary)",
            a.Curve.Select(p => ((double)p.Size, p.Low, p.High)).ToList()),
    ];

    /// <summary>"customers left out by contact rules; 310 planned in less profitable campaigns come here instead".</summary>
    private static string ContactDetail(ContactScreen c) =>
        "customers left out by contact rules" + (c.Taken > 0 ? $"; {Display.Count(c.Taken)} planned in less profitable campaigns come here instead" : "");

    private static string Share(int part, int whole) => whole == 0 ? Display.None : Display.Percent((double)part / whole, 1);

    public void Dispose() => _cancel?.Cancel();
}
