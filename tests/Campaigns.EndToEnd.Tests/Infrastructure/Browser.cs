using Microsoft.Playwright;

namespace Campaigns.EndToEnd.Tests.Infrastructure;

/// <summary>Headless system Chromium (Playwright cannot download its own browsers here).</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CAMPAIGNS_E2E_CHROMIUM") ?? ChromiumPath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ],
    });

    /// <summary>
    /// Completes when the Blazor Server circuit has applied its first render to the page, i.e. when buttons and
    /// inputs are live. Until then a prerendered page looks ready but ignores clicks. The signal is the browser's
    /// "OnRenderCompleted" message on the circuit's WebSocket, sent after it has applied a render batch.
    /// Call before the navigation that opens the circuit.
    /// </summary>
    public static Task WhenCircuitRenderedAsync(IPage page)
    {
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal)) return;
            socket.FrameSent += (_, frame) =>
            {
                var text = frame.Text ?? (frame.Binary is { } bytes ? System.Text.Encoding.Latin1.GetString(bytes) : "");
                if (text.Contains("OnRenderCompleted", StringComparison.Ordinal)) rendered.TrySetResult();
            };
        };
        return rendered.Task;
    }
}
