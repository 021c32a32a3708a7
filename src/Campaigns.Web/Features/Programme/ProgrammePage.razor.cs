using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Programme;
using Campaigns.Domain;
using Campaigns.Web.Components;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Programme;

public partial class ProgrammePage
{
    private HoldoutOverview? _overview;
    private double _percent = 5;
    private DateTime? _startsOn = DateTime.UtcNow.Date;
    private string? _reason;
    private IReadOnlyList<FieldError> _errors = [];
    private bool _saving, _reportLoaded;
    private ProgrammeReport? _report;

    [Inject] private HoldoutAdmin Holdout { get; set; } = null!;
    [Inject] private ProgrammeResults Results { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _overview = await Holdout.ReadAsync();
        if (_overview.Latest is { } latest) _percent = Math.Round(latest.Share * 100, 2);
    }

    /// <summary>
    /// The report reads every order since its pre-period, seconds on a large store: the page shows first with its progress
    /// bar (a prerender never computes it), and the read runs off the circuit, since SQLite's async calls run synchronously.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _report = await Task.Run(() => Results.ReadAsync());
        _reportLoaded = true;
        StateHasChanged();
    }

    private string? ErrorOf(string field) => _errors.FirstOrDefault(e => e.Field == field)?.Message;

    private static string Status(HoldoutOverview o) => o.InForce is { } p
        ? $"{Display.Percent(p.Share)} of customers held out since {p.StartsAt:yyyy-MM-dd}: {Display.Count(o.HeldOut)} of {Display.Count(o.Customers)} customers now."
        : o.Latest is { } next ? $"The holdout starts on {next.StartsAt:yyyy-MM-dd} with {Display.Percent(next.Share)} of customers." : "No global holdout yet: every customer may get promotions.";

    private async Task SaveAsync(bool redraw)
    {
        var reason = _reason;
        if (redraw)
        {
            // A re-draw cannot be undone: customers held out so far may get promotions from then on, others stop getting them.
            reason = await Dialogs.AskReasonAsync("Re-draw the global holdout?",
                $"A new draw from {_startsOn:yyyy-MM-dd} changes who is held out: customers held out so far may get promotions and others stop getting them. " +
                "The current draw stays in the history for measurement, and the re-draw is kept in the audit log with your reason. It cannot be undone.",
                "Re-draw", "Reason", _reason, Color.Error);
            if (reason is null) return;
        }
        _saving = true;
        try
        {
            var result = await Holdout.SaveAsync(new HoldoutRequest(_percent, _startsOn ?? DateTime.UtcNow.Date, redraw, reason), await CurrentUser.NameAsync());
            _errors = result.Errors;
            Snackbar.Show(result);
            if (!result.Succeeded) return;
            _reason = null;
            _overview = await Holdout.ReadAsync();
            // The report is measured against the periods just changed: a first holdout starts it, a re-draw splits it.
            _report = await Results.ReadAsync();
        }
        finally
        {
            _saving = false;
        }
    }
}
