using Campaigns.Application.Experiments;
using Campaigns.Domain.Experiments;
using Campaigns.Web.Components;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>The decision taken, if any, and the form a Manager records ship, stop or extend with, asking to confirm what cannot be undone.</summary>
public partial class DecisionPanel
{
    private ExperimentDecision _decision = ExperimentDecision.Ship;
    private string? _comment, _decisionError;

    [Inject] private ExperimentDecisions Decisions { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The experiment's results: its id, name, decision and whether it has traffic to decide on.</summary>
    [Parameter, EditorRequired] public ExperimentResultsView View { get; set; } = default!;

    /// <summary>Raised once a decision is recorded, so the page reloads the results.</summary>
    [Parameter] public EventCallback Decided { get; set; }

    private async Task DecideAsync()
    {
        var comment = _comment;
        // Ship and stop end the experiment for good; extending changes nothing that cannot be decided again.
        if (_decision is ExperimentDecision.Ship or ExperimentDecision.Stop)
        {
            var ship = _decision == ExperimentDecision.Ship;
            comment = await Dialogs.AskReasonAsync(ship ? $"Ship {View.Name}?" : $"Stop {View.Name}?",
                (ship ? "The experiment ends now with the offer declared the winner" : "The experiment ends now without shipping the offer")
                + ": no more customers are assigned to it and the decision is recorded under your name. This cannot be undone.",
                ship ? "Ship" : "Stop", ship ? "Why ship it? (kept with the decision)" : "Why stop it? (kept with the decision)", _comment,
                ship ? Color.Success : Color.Error);
            if (comment is null) return;
        }
        var result = await Decisions.DecideAsync(View.ExperimentId, _decision, comment, await CurrentUser.NameAsync());
        _decisionError = result.Succeeded ? null : result.Message;
        if (!result.Succeeded) return;
        Snackbar.Show(result);
        _comment = null;
        await Decided.InvokeAsync();
    }
}
