using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class ImportWizardTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public Task An_admin_uploads_a_csv_fixes_the_mapping_after_the_dry_run_and_imports_it() => StepsAsync(nameof(An_admin_uploads_a_csv_fixes_the_mapping_after_the_dry_run_and_imports_it), async () =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"e2e-customers-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "client;E-Mail;tier\r\nE2E-1;one@example.org;gold\r\nE2E-2;two@example.org;silver\r\n");
        await SignInAsync("admin@demo.local", "imports");

        // Two things must have happened before a file set on the input reaches the circuit, and the sign-in's "circuit
        // rendered" signal promises neither: the interactive render must have replaced the prerendered page (the signal
        // can come from an earlier batch, most likely the other root component's, <HeadOutlet>, while the prerendered
        // input is still there), and InputFile's start-up JS call, sent only after the browser reported that render, must have attached
        // its change listener. A file set before either is dropped without a trace. So wait for the listener itself:
        // InputFile's init marks the input (a framework detail: if a Blazor update renames it, this wait fails here, loudly).
        await Page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await Page.Locator("input[type=file]").SetInputFilesAsync(file);
        await Assertions.Expect(Page.GetByTestId("file-name")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("preview")).ToContainTextAsync("E2E-1", new() { Timeout = 15_000 });
        await Screenshot("import-1-preview");

        // "client" is no known name for a customer id: the dry run says the required column is missing.
        await Page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("error")).ToContainTextAsync("Required column external_id");

        await Page.GetByTestId("map-external_id").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "client" }).ClickAsync();
        await Page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("dry-run-summary")).ToContainTextAsync("2 to insert");
        await Screenshot("import-2-dry-run");

        await Page.GetByTestId("import").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("run-summary")).ToContainTextAsync("2 inserted", new() { Timeout = 30_000 });
        await Screenshot("import-3-done");

        await using var db = App.OpenDatabase();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.ExternalId == "E2E-1");
        Assert.Equal(("one@example.org", """{"tier":"gold"}"""), (customer.Email, customer.CustomAttributesJson));
        File.Delete(file);
    });

    private Task Screenshot(string name) => Page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png"), FullPage = true,
    });
}
