using Campaigns.Application.Common;
using MudBlazor;

namespace Campaigns.Web.Components;

/// <summary>The one way a page tells the user how a use case ended: its message, green when done and red when not.</summary>
public static class ResultSnackbar
{
    public static void Show(this ISnackbar snackbar, Result result)
    {
        if (result.Message is { Length: > 0 } message) snackbar.Add(message, result.Succeeded ? Severity.Success : Severity.Error);
    }
}
