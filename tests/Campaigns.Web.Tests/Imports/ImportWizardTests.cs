using Bunit;
using Campaigns.Application.Common;
using Campaigns.Application.Customers;
using Campaigns.Application.Imports;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Campaigns.Web.Features.Customers;
using Campaigns.Web.Features.Imports;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Campaigns.Web.Tests.Imports;

public sealed class ImportWizardTests : ComponentTest, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"campaigns-wizard-{Guid.NewGuid():N}.db");
    private readonly HandedToHangfire _hangfire = new();

    private CampaignsDbContext Open() => new DatabaseOptions { ConnectionString = $"Data Source={_path}" }.CreateContext();

    public ImportWizardTests()
    {
        using (var db = Open()) db.MigrateAsync(migrateServer: false).GetAwaiter().GetResult();
        var factory = new ContextFactory(Open);
        var catalog = new JobCatalog();
        catalog.Add(ImportJob.Kind, "Import a file", exclusive: true);
        catalog.Add(CustomerScoring.Job, "Score customers", exclusive: true);
        Context.Services.AddSingleton<IDbContextFactory<CampaignsDbContext>>(factory);
        Context.Services.AddSingleton(new ImportEngine(factory));
        Context.Services.AddSingleton(new ImportFiles(factory));
        Context.Services.AddSingleton<IJobQueue>(new JobRunner(factory, _hangfire, catalog));
        Context.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ImportOptions { MaxUploadMegabytes = 1 }));
        Context.Services.AddSingleton<ImportWizardService>();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private IRenderedComponent<ImportWizardHost> Upload(string role, string csv, string name = "customers.csv")
    {
        SignInAs(role);
        var wizard = Render<ImportWizardHost>();
        wizard.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, name));
        return wizard;
    }

    private static MudSelect<string> FieldSelect(IRenderedComponent<ImportWizardHost> wizard, string field) =>
        wizard.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label!.StartsWith(field + " ") || s.Instance.Label == field).Instance;

    [Fact]
    public void An_upload_shows_its_first_rows_and_the_suggested_mapping()
    {
        var wizard = Upload(Roles.Admin, "Customer ID;E-Mail;tier\nC1;a@x.org;gold\nC2;b@x.org;silver\n");
        wizard.WaitForElement("[data-testid=preview]");
        Assert.Contains("Read as UTF-8, delimiter ';'", wizard.Markup);
        Assert.Equal((3, 2), (wizard.FindAll("[data-testid=preview] th").Count, wizard.FindAll("[data-testid=preview] tbody tr").Count));
        Assert.Equal("Customer ID", FieldSelect(wizard, "external_id").Value);
        Assert.Equal("E-Mail", FieldSelect(wizard, "email").Value);
    }

    [Fact]
    public void A_dry_run_lists_problems_by_row_and_column_and_stores_nothing()
    {
        var wizard = Upload(Roles.Admin, "customer_id,signed_up\nC1,2026-01-01\nC1,2026-01-02\nC3,someday\n");
        wizard.WaitForElement("[data-testid=dry-run]").Click();
        wizard.WaitForElement("[data-testid=problems]");
        Assert.Contains("Dry run: 3 rows: 1 to insert", wizard.Find("[data-testid=dry-run-summary]").TextContent);
        var cells = wizard.FindAll("[data-testid=problems] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(cells, c => c.Contains("customer_id") && c.Contains("customer 'C1' already appeared at row 1."));
        Assert.Contains(cells, c => c.Contains("signed_up") && c.Contains("'someday' is not a date"));
        using var db = Open();
        Assert.False(db.Customers.Any());
    }

    [Fact]
    public async Task A_mapping_fixed_after_the_dry_run_is_checked_again_and_imported_in_the_background()
    {
        var wizard = Upload(Roles.Admin, "client,mail\nC1,a@x.org\nC2,b@x.org\n");
        wizard.WaitForElement("[data-testid=dry-run]").Click();
        wizard.WaitForElement("[data-testid=error]");
        Assert.Contains("Required column external_id", wizard.Find("[data-testid=error]").TextContent);

        await wizard.InvokeAsync(() => FieldSelect(wizard, "external_id").ValueChanged.InvokeAsync("client"));
        wizard.Find("[data-testid=dry-run]").Click();
        wizard.WaitForAssertion(() => Assert.Contains("2 to insert", wizard.Find("[data-testid=dry-run-summary]").TextContent));
        wizard.Find("[data-testid=import]").Click();
        wizard.WaitForElement("[data-testid=step-run]");

        using var db = Open();
        var run = db.JobRuns.Single();
        Assert.Equal((ImportJob.Kind, JobStatus.Queued), (run.Kind, run.Status));
        var parameters = System.Text.Json.JsonSerializer.Deserialize<ImportJobParameters>(run.ParametersJson, System.Text.Json.JsonSerializerOptions.Web)!;
        var settings = System.Text.Json.JsonSerializer.Deserialize<ImportSettings>(parameters.SettingsJson, ImportEngine.Json)!;
        Assert.Equal("client", settings.Mapping.Columns["external_id"]);
        // The upload is in the database, for the instance that runs the job, not in this one's temporary folder.
        var upload = db.ImportFiles.Single(f => f.Id == parameters.UploadId);
        Assert.Equal(("customers.csv", ImportFilePurpose.Upload, "admin@test"), (upload.FileName, upload.Purpose, upload.Owner));
        using var stored = new StreamReader(Context.Services.GetRequiredService<ImportFiles>().Open(upload.Id));
        Assert.Equal("client,mail\nC1,a@x.org\nC2,b@x.org\n", stored.ReadToEnd());
        Assert.Equal(1, _hangfire.Created);
    }

    [Fact]
    public async Task Columns_left_out_are_not_kept_as_custom_attributes()
    {
        var wizard = Upload(Roles.Admin, "customer_id,tier,visit\nC1,gold,1\n");
        wizard.WaitForElement("[data-testid=preview]");
        var ignored = wizard.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Columns to leave out").Instance;
        await wizard.InvokeAsync(() => ignored.SelectedValuesChanged.InvokeAsync(["visit"]));
        wizard.Find("[data-testid=dry-run]").Click();
        wizard.WaitForElement("[data-testid=import]").Click();
        wizard.WaitForElement("[data-testid=step-run]");
        using var db = Open();
        var parameters = System.Text.Json.JsonSerializer.Deserialize<ImportJobParameters>(db.JobRuns.Single().ParametersJson, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(["visit"], System.Text.Json.JsonSerializer.Deserialize<ImportSettings>(parameters.SettingsJson, ImportEngine.Json)!.Mapping.Ignored);
    }

    [Fact]
    public async Task A_saved_mapping_is_offered_and_applied_with_its_culture()
    {
        await using (var db = Open())
            await ImportMappings.SaveAsync(db, "shop export", ImportKind.Customers,
                new global::Campaigns.Imports.Mapping.ColumnMapping { Columns = { ["external_id"] = "kunde" } }, "de-DE", "test");
        var wizard = Upload(Roles.Admin, "kunde,seit\nK1,24.12.2025\n");
        wizard.WaitForElement("[data-testid=preview]");
        var saved = wizard.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Use a saved mapping").Instance;
        await wizard.InvokeAsync(() => saved.ValueChanged.InvokeAsync("shop export"));
        Assert.Equal("kunde", FieldSelect(wizard, "external_id").Value);
        Assert.Equal("de-DE", wizard.FindComponents<MudTextField<string>>().Single(t => t.Instance.Label == "Culture of numbers and dates").Instance.Value);
    }

    [Fact]
    public void A_marketer_is_offered_past_campaigns_only()
    {
        SignInAs(Roles.Marketer);
        var wizard = Render<ImportWizardHost>();
        Assert.Equal(ImportKind.Campaign, wizard.FindComponent<MudSelect<ImportKind>>().Instance.Value);
    }

    [Fact]
    public void A_file_above_the_configured_size_is_refused_with_the_limit()
    {
        var wizard = Upload(Roles.Admin, "customer_id,note\n" + string.Concat(Enumerable.Range(0, 12_000).Select(i => $"C{i},{new string('x', 90)}\n")));
        wizard.WaitForElement("[data-testid=error]");
        Assert.Contains("larger than the 1 MB this server accepts", wizard.Find("[data-testid=error]").TextContent);
        Assert.Empty(wizard.FindAll("[data-testid=preview]"));
    }

    [Fact]
    public async Task A_failed_import_offers_resume_which_continues_after_the_last_stored_batch_without_duplicates()
    {
        var wizard = Upload(Roles.Admin, "customer_id,email\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"R{i},r{i}@x.org\n")));
        wizard.WaitForElement("[data-testid=dry-run]").Click();
        wizard.WaitForElement("[data-testid=import]").Click();
        wizard.WaitForElement("[data-testid=step-run]");
        Guid first;
        await using (var db = Open())
        {
            // Batches of 4, so the run can stop part-way.
            var run = db.JobRuns.Single();
            var parameters = ImportJobParameters.Of(run);
            var settings = System.Text.Json.JsonSerializer.Deserialize<ImportSettings>(parameters.SettingsJson, ImportEngine.Json)!;
            settings.BatchSize = 4;
            parameters.SettingsJson = System.Text.Json.JsonSerializer.Serialize(settings, ImportEngine.Json);
            run.ParametersJson = System.Text.Json.JsonSerializer.Serialize(parameters, System.Text.Json.JsonSerializerOptions.Web);
            await db.SaveChangesAsync();
            first = run.Id;
        }

        var reports = 0;
        await RunJobAsync(first, (stage, _) => stage.Contains(" of about ") && ++reports == 2 ? throw new IOException("database connection lost") : Task.CompletedTask);
        wizard.WaitForElement("[data-testid=resume]", TimeSpan.FromSeconds(10));
        Assert.Contains("Stopped after row 8: 8 inserted", wizard.Find("[data-testid=run-position]").TextContent);
        Assert.Contains("database connection lost", wizard.Find("[data-testid=run-error]").TextContent);

        wizard.Find("[data-testid=resume]").Click();
        wizard.WaitForAssertion(() => Assert.Equal(2, _hangfire.Created));
        Guid second;
        await using (var db = Open()) second = db.JobRuns.Single(r => r.Id != first).Id;
        await RunJobAsync(second, (_, _) => Task.CompletedTask);
        wizard.WaitForAssertion(() => Assert.Contains("Resumed after row 8: 10 inserted", wizard.Find("[data-testid=run-summary]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(wizard.FindAll("[data-testid=resume]"));

        await using (var db = Open())
        {
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"R{i}").Order(), (await db.Customers.Select(c => c.ExternalId).ToListAsync()).Order());
            var run = await db.ImportRuns.SingleAsync();
            Assert.Equal((ImportStatus.Succeeded, 10L, 10L), (run.Status, run.Inserted, run.LastCommittedRow));
            // The finished import queued one rescoring of the customers (the failed run did not).
            Assert.Equal(["import"], await db.JobRuns.Where(r => r.Kind == CustomerScoring.Job).Select(r => r.TriggeredBy).ToListAsync());
            // The upload is removed once the run has succeeded; its rejected-rows file stays for download.
            Assert.False(await db.ImportFiles.AnyAsync(f => f.Purpose == ImportFilePurpose.Upload));
            Assert.Equal([run.RejectedRowsFileId!.Value], await db.ImportFiles.Where(f => f.Purpose == ImportFilePurpose.RejectedRows).Select(f => f.Id).ToListAsync());
        }
    }

    [Fact]
    public async Task A_stopped_import_whose_upload_is_gone_says_why_it_cannot_be_resumed()
    {
        var wizard = Upload(Roles.Admin, "customer_id\nG1\nG2\n");
        wizard.WaitForElement("[data-testid=dry-run]").Click();
        wizard.WaitForElement("[data-testid=import]").Click();
        wizard.WaitForElement("[data-testid=step-run]");
        JobRun run;
        await using (var db = Open()) run = db.JobRuns.Single();
        await RunJobAsync(run.Id, (stage, _) => stage.Contains(" of about ") ? throw new IOException("disk full") : Task.CompletedTask);
        await Context.Services.GetRequiredService<ImportFiles>().DeleteAsync(ImportJobParameters.Of(run).UploadId);

        wizard.WaitForElement("[data-testid=run-position]", TimeSpan.FromSeconds(10));
        Assert.Contains("It cannot be resumed: the upload of customers.csv is no longer stored", wizard.Find("[data-testid=run-position]").TextContent);
        Assert.Empty(wizard.FindAll("[data-testid=resume]"));
    }

    /// <summary>Runs a queued import job run as <see cref="JobExecutor"/> does, with a report callback that may fail it.</summary>
    private async Task RunJobAsync(Guid runId, Func<string, double, Task> report)
    {
        var factory = Context.Services.GetRequiredService<IDbContextFactory<CampaignsDbContext>>();
        JobRun run;
        await using (var db = Open()) run = await db.JobRuns.SingleAsync(r => r.Id == runId);
        var job = new ImportJob(new BackgroundImport(Context.Services.GetRequiredService<ImportEngine>(), Context.Services.GetRequiredService<ImportFiles>(), factory),
            ActivatorUtilities.CreateInstance<CustomerScoringTrigger>(Context.Services));
        var (status, summary, error) = (JobStatus.Succeeded, (string?)null, (string?)null);
        try { summary = await job.RunAsync(new JobContext(runId, run.ParametersJson, run.TriggeredBy, report), CancellationToken.None); }
        catch (IOException ex) { (status, error) = (JobStatus.Failed, $"{ex.GetType().Name}: {ex.Message}"); }
        await using (var db = Open())
            await db.JobRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status)
                .SetProperty(r => r.FinishedAt, DateTime.UtcNow).SetProperty(r => r.ResultSummary, summary).SetProperty(r => r.Error, error));
    }

    /// <summary>Records runs handed to Hangfire instead of running them.</summary>
    private sealed class HandedToHangfire : IBackgroundJobClient
    {
        public int Created { get; private set; }
        public string Create(Job job, IState state) => (++Created).ToString();
        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
