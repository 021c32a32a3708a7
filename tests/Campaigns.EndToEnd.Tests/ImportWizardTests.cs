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

        // Choose the file as a user does, through the button: its click reaches the circuit after InputFile's start-up
        // call (which attaches the input's change listener), so the chooser opens only once the input listens. A file
        // set on the input directly before that call has run is dropped by the browser without a trace.
        var chooser = await Page.RunAndWaitForFileChooserAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Choose file" }).ClickAsync());
        await chooser.SetFilesAsync(file);
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
