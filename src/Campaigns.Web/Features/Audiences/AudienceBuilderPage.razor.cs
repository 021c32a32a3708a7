using Campaigns.Analytics.Targeting;
using Campaigns.Application.Audiences;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Campaigns.Web.Components.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Campaigns.Web.Features.Audiences;

public partial class AudienceBuilderPage : IDisposable
{
    private sealed record CampaignInfo(string Name, string Offer, Channel Channel, decimal Budget, CampaignStatus Status);

    [Parameter] public Guid CampaignId { get; set; }
    [Inject] private IServiceScopeFactory Scopes { get; set; } = null!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private MoneyFormat Money { get; set; } = null!;

    private CampaignInfo? _campaign;
    private bool _notFound, _building, _saving, _canSave;
    private ModelInfo? _model;
    private Audience? _saved;
    private List<string> _regions = [];
    private readonly AudienceForm _form = new();
    private AudiencePlan? _plan;
    private string? _error;
    private double _progress;
    private CancellationTokenSource? _cancel;

    protected override async Task OnInitializedAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CampaignId);
        if (campaign is null) { _notFound = true; return; }
        _model = await scope.ServiceProvider.GetRequiredService<ModelStore>().CurrentAsync(ModelKind.UpliftTargeting);
        _regions = await db.Customers.Select(c => c.Region).Distinct().OrderBy(r => r).ToListAsync();
        _saved = await db.Audiences.AsNoTracking().SingleOrDefaultAsync(a => a.CampaignId == CampaignId);
        _form.Budget = campaign.Budget;
        if (_model is null) _form.Selection = AudienceSelection.Everyone;
        _canSave = campaign.Status is not (CampaignStatus.Live or CampaignStatus.Completed or CampaignStatus.Archived);
        // Set last: the form renders once everything it shows is loaded, so nothing typed early is overwritten.
        _campaign = new CampaignInfo(campaign.Name, campaign.Promotion.Describe(Money.Format), campaign.Promotion.Channel, campaign.Budget, campaign.Status);
    }

    private async Task BuildAsync()
    {
        _error = null;
        _building = true;
        _progress = 0;
        _cancel = new CancellationTokenSource();
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var builder = scope.ServiceProvider.GetRequiredService<AudienceBuilder>();
            var progress = new SyncProgress<double>(p => { _progress = p; _ = InvokeAsync(StateHasChanged); });
            // Scoring is CPU work; run it off the circuit's thread so the page keeps rendering progress.
            _plan = await Task.Run(() => builder.PlanAsync(_form.ToRequest(CampaignId), progress, _cancel.Token));
        }
        catch (TargetingException ex) { _error = ex.Message; }
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
            var user = (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
            await using var scope = Scopes.CreateAsyncScope();
            _saved = await scope.ServiceProvider.GetRequiredService<AudienceBuilder>().SaveAsync(_plan, user);
            Snackbar.Add($"Saved: {Display.Count(_saved.Targeted)} customers will get the promotion.", Severity.Success);
        }
        catch (TargetingException ex) { _error = ex.Message; }
        finally { _saving = false; }
    }

    private static IReadOnlyList<CurveSeries> ProfitSeries(Allocation a) =>
    [
        new CurveSeries("Expected profit", a.Curve.Select(p => ((double)p.Size, p.Profit)).ToList(), "var(--mud-palette-primary)",
            a.Curve.Select(p => ((double)p.Size, p.Low, p.High)).ToList()),
    ];

    private static string Share(int part, int whole) => whole == 0 ? Display.None : Display.Percent((double)part / whole, 1);

    public void Dispose() => _cancel?.Cancel();
}
