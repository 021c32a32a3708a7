using System.Text;
using Campaigns.Application.Common;
using Campaigns.Application.Imports;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Files;

namespace Campaigns.Application.Tests.Imports;

public sealed class ImportWizardServiceTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private readonly Queue _jobs = new();

    private ImportWizardService Wizard() => new(new ImportEngine(database.Factory), new ImportFiles(database.Factory), _jobs, database.Factory,
        Microsoft.Extensions.Options.Options.Create(new ImportOptions { MaxUploadMegabytes = 1 }));

    private async Task<StagedFile> StageAsync(string csv, string name = "customers.csv") =>
        (await Wizard().StageAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), name, "admin@test")).Value!;

    [Fact]
    public async Task A_marketer_may_import_past_campaigns_only()
    {
        Assert.Equal([ImportKind.Campaign], ImportWizardService.KindsFor(isAdmin: false));
        Assert.Equal(Enum.GetValues<ImportKind>(), ImportWizardService.KindsFor(isAdmin: true));
        var result = await Wizard().StartAsync(new StagedFile(Guid.NewGuid(), "c.csv", 1), new ImportSettings { Kind = ImportKind.Customers }, null, "marketer@test", isAdmin: false);
        Assert.Equal((Failure.Refused, "Only Admins import customers; you can import past campaigns."), (result.Failure, result.Message));
        Assert.Empty(_jobs.Queued);
    }

    [Fact]
    public async Task Only_a_csv_file_is_staged_and_one_above_the_limit_is_refused_with_it()
    {
        var notCsv = await Wizard().StageAsync(new MemoryStream([1]), "customers.xlsx", "admin@test");
        Assert.Equal((Failure.Invalid, "'customers.xlsx' is not a .csv or .csv.gz file."), (notCsv.Failure, notCsv.Message));
        var tooLarge = await Wizard().StageAsync(new MemoryStream(new byte[1_100_000]), "big.csv", "admin@test");
        Assert.Contains("larger than the 1 MB this server accepts", tooLarge.Message);
    }

    [Fact]
    public async Task A_started_import_saves_its_mapping_and_queues_a_job_with_its_upload_and_settings()
    {
        var file = await StageAsync("client,mail\nC1,a@x.org\n");
        var preview = (await Wizard().PreviewAsync(file, ImportKind.Customers)).Value!;
        preview.Suggested.Columns["external_id"] = "client";
        var settings = new ImportSettings { Kind = ImportKind.Customers, Mapping = preview.Suggested };
        var result = await Wizard().StartAsync(file, settings, "monthly export", "admin@test", isAdmin: true);
        Assert.True(result.Succeeded);
        var (kind, parameters, user) = Assert.Single(_jobs.Queued);
        Assert.Equal((ImportJobParameters.JobKind, file.Id, "admin@test"), (kind, parameters.UploadId, user));
        Assert.Equal("client", (await Wizard().SavedMappingAsync("monthly export", ImportKind.Customers)).Value!.Mapping.Columns["external_id"]);
        Assert.Contains("monthly export", (await Wizard().PreviewAsync(file, ImportKind.Customers)).Value!.SavedMappings);
    }

    [Fact]
    public async Task A_stopped_import_whose_upload_is_gone_says_why_it_cannot_be_resumed()
    {
        var file = await StageAsync("customer_id\nG1\nG2\n");
        var parameters = new ImportJobParameters { UploadId = file.Id, FileName = file.FileName, ImportRunId = Guid.CreateVersion7() };
        var run = new JobRun { Kind = ImportJobParameters.JobKind, TriggeredBy = "admin@test", ParametersJson = System.Text.Json.JsonSerializer.Serialize(parameters, System.Text.Json.JsonSerializerOptions.Web) };
        await using (var db = database.Open())
        {
            db.ImportRuns.Add(new ImportRun { Id = parameters.ImportRunId, Kind = ImportKind.Customers, FileName = file.FileName, TriggeredBy = "admin@test", Status = ImportStatus.Failed });
            await db.SaveChangesAsync();
        }
        await new ImportFiles(database.Factory).DeleteAsync(file.Id);

        var result = await Wizard().ResumeAsync(run, "admin@test", isAdmin: true);
        Assert.Equal(Failure.Refused, result.Failure);
        Assert.StartsWith("This import cannot be resumed: the upload of customers.csv is no longer stored", result.Message);
        Assert.Empty(_jobs.Queued);
    }

    /// <summary>Records what would be queued.</summary>
    private sealed class Queue : IJobQueue
    {
        public List<(string Kind, ImportJobParameters Parameters, string User)> Queued { get; } = [];

        public Task<JobRun> EnqueueAsync(string kind, object? parameters, string triggeredBy, CancellationToken ct = default)
        {
            Queued.Add((kind, (ImportJobParameters)parameters!, triggeredBy));
            return Task.FromResult(new JobRun { Kind = kind, TriggeredBy = triggeredBy });
        }
    }
}
