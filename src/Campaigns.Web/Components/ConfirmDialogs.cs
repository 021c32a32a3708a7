using MudBlazor;

namespace Campaigns.Web.Components;

/// <summary>The confirmations pages ask before irreversible actions.</summary>
public static class ConfirmDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    /// <returns>True when the user confirmed; Cancel (or Escape) changes nothing.</returns>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText, Color color = Color.Primary) =>
        await ShowAsync(dialogs, title, new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message }, { d => d.ConfirmText, confirmText }, { d => d.ConfirmColor, color },
        }) is not null;

    /// <returns>The reason given (required to confirm), or null when the user cancelled.</returns>
    public static Task<string?> AskReasonAsync(this IDialogService dialogs, string title, string message, string confirmText, string reasonLabel,
        string? reason = null, Color color = Color.Primary) =>
        ShowAsync(dialogs, title, new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message }, { d => d.ConfirmText, confirmText }, { d => d.ConfirmColor, color },
            { d => d.ReasonLabel, reasonLabel }, { d => d.Reason, reason },
        });

    private static async Task<string?> ShowAsync(IDialogService dialogs, string title, DialogParameters<ConfirmDialog> parameters)
    {
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, Options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string text } ? text : null;
    }
}
