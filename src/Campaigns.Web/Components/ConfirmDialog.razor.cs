using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Components;

/// <summary>A confirmation shown through <see cref="IDialogService"/>; see <see cref="ConfirmDialogs"/> for the calls pages make.</summary>
public partial class ConfirmDialog
{
    private string? _reason;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>What will happen if the user confirms, in the words of the consequence.</summary>
    [Parameter, EditorRequired] public string Message { get; set; } = "";

    /// <summary>The confirm button's text: the action itself ("Launch", "Revoke"), never "OK".</summary>
    [Parameter, EditorRequired] public string ConfirmText { get; set; } = "";

    /// <summary>The confirm button's colour (<see cref="Color.Error"/> for destructive actions).</summary>
    [Parameter] public Color ConfirmColor { get; set; } = Color.Primary;

    /// <summary>When set, a reason is required and the dialog's result is the trimmed reason.</summary>
    [Parameter] public string? ReasonLabel { get; set; }

    /// <summary>The reason's starting text (what the page's own comment field held).</summary>
    [Parameter] public string? Reason { get; set; }

    private bool ReasonMissing => ReasonLabel is not null && string.IsNullOrWhiteSpace(_reason);

    protected override void OnInitialized() => _reason = Reason;

    private void Confirm() => Dialog.Close(DialogResult.Ok(_reason?.Trim() ?? ""));

    private void Cancel() => Dialog.Cancel();
}
