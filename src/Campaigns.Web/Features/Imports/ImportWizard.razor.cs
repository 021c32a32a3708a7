using System.Globalization;
using System.Security.Claims;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Campaigns.Imports.Mapping;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using MudBlazor;

namespace Campaigns.Web.Features.Imports;

/// <summary>Upload → columns → dry run → background import, each step shown once the one before succeeded.</summary>
public partial class ImportWizard
{
    [Inject] private ImportWizardService Wizard { get; set; } = null!;
    [Inject] private IDbContextFactory<CampaignsDbContext> DbFactory { get; set; } = null!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private IReadOnlyList<ImportKind> _kinds = [];
    private List<string> _savedMappings = [];
    private ImportKind _kind;
    private StagedFile? _file;
    private FilePreview? _preview;
    private ColumnMapping _mapping = new();
    private string _culture = "", _rowIdPrefix = "", _saveAs = "";
    private readonly CampaignImportSettings _campaign = new();
    private DateTime? _campaignDate;
    private ImportSummary? _dryRun;
    private JobRun? _run;
    private ImportRunState? _runState;
    private string? _error;
    private bool _busy;
    private ClaimsPrincipal _principal = new();
    private string _user = "";
    private Timer? _timer;

    protected override async Task OnInitializedAsync()
    {
        _principal = (await Auth.GetAuthenticationStateAsync()).User;
        _user = _principal.Identity?.Name ?? "wizard";
        _kinds = ImportWizardService.KindsFor(_principal);
        _kind = _kinds[0];
    }

    private string? ColumnOf(string field) => _mapping.Columns.GetValueOrDefault(field);

    private void SetColumn(string field, string? column)
    {
        if (column is null) _mapping.Columns.Remove(field);
        else _mapping.Columns[field] = column;
        _dryRun = null;
    }

    private void SetIgnored(IEnumerable<string> columns)
    {
        _mapping.Ignored.Clear();
        _mapping.Ignored.UnionWith(columns);
        _dryRun = null;
    }

    private async Task KindChangedAsync(ImportKind kind)
    {
        _kind = kind;
        await RereadAsync();
    }

    private async Task UseSavedMappingAsync(string? name)
    {
        if (name is null || _preview is null) return;
        await using var db = await DbFactory.CreateDbContextAsync();
        (_mapping, _culture) = await ImportMappings.LoadAsync(db, name, _kind);
        _dryRun = null;
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        (_error, _file, _preview, _dryRun, _run, _runState) = (null, null, null, null, null, null);
        try
        {
            await using var stream = file.OpenReadStream(Wizard.MaxUploadBytes);
            _file = await Wizard.StageAsync(stream, file.Name, _principal);
            await RereadAsync();
        }
        catch (Exception ex) when (ex is ImportException or IOException or UploadTooLargeException)
        {
            _error = ex is IOException && ex.Message.Contains("exceeds the maximum") ? new UploadTooLargeException(Wizard.MaxUploadBytes).Message : ex.Message;
        }
        catch (JSException ex)
        {
            // The browser lost the file while it was sent (e.g. it was chosen again meanwhile): say so, keep the circuit.
            _error = $"The file could not be read from the browser ({ex.Message}); choose it again.";
        }
    }

    private async Task RereadAsync()
    {
        (_dryRun, _error) = (null, null);
        if (_file is null) return;
        await using (var db = await DbFactory.CreateDbContextAsync()) _savedMappings = await ImportMappings.NamesAsync(db, _kind);
        try
        {
            _preview = Wizard.Preview(_file, _kind);
            _mapping = _preview.Suggested;
        }
        catch (ImportException ex)
        {
            (_preview, _error) = (null, ex.Message);
        }
    }

    /// <summary>The culture chosen for the file; dates shown back are written as the file writes them (a name not yet valid: as ISO dates).</summary>
    private CultureInfo ChosenCulture
    {
        get
        {
            try { return _culture.Trim() is { Length: > 0 } name ? CultureInfo.GetCultureInfo(name) : CultureInfo.InvariantCulture; }
            catch (CultureNotFoundException) { return CultureInfo.InvariantCulture; }
        }
    }

    private string DateFormat => ChosenCulture.Name.Length == 0 ? "yyyy-MM-dd" : ChosenCulture.DateTimeFormat.ShortDatePattern;

    private ImportSettings Settings()
    {
        var settings = new ImportSettings { Kind = _kind, Mapping = _mapping, Culture = _culture.Trim(), RowIdPrefix = _rowIdPrefix.Trim() is { Length: > 0 } p ? p : null };
        if (_kind == ImportKind.Campaign)
        {
            _campaign.StartedAt = _campaignDate is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : null;
            settings.Campaign = _campaign;
        }
        return settings;
    }

    private async Task DryRunAsync()
    {
        if (_file is null) return;
        (_busy, _error, _dryRun) = (true, null, null);
        try { _dryRun = await Wizard.DryRunAsync(_file, Settings(), _principal); }
        catch (ImportException ex) { _error = ex.Message; }
        finally { _busy = false; }
    }

    private async Task StartAsync()
    {
        if (_file is null) return;
        _busy = true;
        try
        {
            if (_saveAs.Trim().Length > 0)
            {
                await using var db = await DbFactory.CreateDbContextAsync();
                await ImportMappings.SaveAsync(db, _saveAs, _kind, _mapping, _culture.Trim(), _user);
            }
            Follow(await Wizard.StartAsync(_file, Settings(), _principal));
        }
        catch (Exception ex) when (ex is ImportException or Domain.DomainException) { _error = ex.Message; }
        finally { _busy = false; }
    }

    /// <summary>Continues the stopped run from its recorded position (the upload is still stored), as a new job run.</summary>
    private async Task ResumeAsync()
    {
        if (_run is null) return;
        (_busy, _error) = (true, null);
        try { Follow(await Wizard.ResumeAsync(_run, _principal)); }
        catch (Exception ex) when (ex is ImportException or Domain.DomainException) { _error = ex.Message; }
        finally { _busy = false; }
    }

    private void Follow(JobRun run)
    {
        (_run, _runState) = (run, null);
        _timer?.Dispose();
        _timer = new Timer(_ => InvokeAsync(RefreshAsync), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private async Task RefreshAsync()
    {
        if (_run is null) return;
        await using var db = await DbFactory.CreateDbContextAsync();
        _run = await db.JobRuns.AsNoTracking().FirstAsync(r => r.Id == _run.Id);
        if (_run.IsFinished)
        {
            _timer?.Dispose();
            _runState = await Wizard.StateAsync(_run);
            Snackbar.Add(_run.Status == JobStatus.Succeeded ? "Import finished." : $"Import {_run.Status.ToString().ToLowerInvariant()}.",
                _run.Status == JobStatus.Succeeded ? Severity.Success : Severity.Warning);
        }
        StateHasChanged();
    }

    public void Dispose() => _timer?.Dispose();
}
