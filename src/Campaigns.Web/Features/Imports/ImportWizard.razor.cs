using System.Globalization;
using Campaigns.Application.Common;
using Campaigns.Application.Imports;
using Campaigns.Data.Identity;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Campaigns.Imports.Mapping;
using Campaigns.Web.Components;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace Campaigns.Web.Features.Imports;

/// <summary>Upload → columns → dry run → background import, each step shown once the one before succeeded.</summary>
public partial class ImportWizard
{
    [Inject] private ImportWizardService Wizard { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private IReadOnlyList<ImportKind> _kinds = [];
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
    private bool _isAdmin;
    private string _user = "";
    private Timer? _timer;

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.PrincipalAsync();
        (_user, _isAdmin) = (CurrentUser.NameOf(principal), principal.IsInRole(Roles.Admin));
        _kinds = ImportWizardService.KindsFor(_isAdmin);
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
        var saved = await Wizard.SavedMappingAsync(name, _kind);
        if (saved.Value is { } found) (_mapping, _culture, _dryRun) = (found.Mapping, found.Culture, null);
        else Snackbar.Show(saved);
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        (_error, _file, _preview, _dryRun, _run, _runState) = (null, null, null, null, null, null);
        try
        {
            await using var stream = file.OpenReadStream(Wizard.MaxUploadBytes);
            var staged = await Wizard.StageAsync(stream, file.Name, _user);
            (_file, _error) = (staged.Value, staged.Message);
            if (staged.Succeeded) await RereadAsync();
        }
        catch (IOException ex)
        {
            // The browser's stream stops a file above the limit before the service sees all of it.
            _error = ex.Message.Contains("exceeds the maximum") ? new UploadTooLargeException(Wizard.MaxUploadBytes).Message : ex.Message;
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
        var preview = await Wizard.PreviewAsync(_file, _kind);
        (_preview, _error) = (preview.Value, preview.Succeeded ? null : preview.Message);
        if (_preview is not null) _mapping = _preview.Suggested;
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
        var result = await Wizard.DryRunAsync(_file, Settings(), _user, _isAdmin);
        (_dryRun, _error, _busy) = (result.Value, result.Succeeded ? null : result.Message, false);
    }

    private async Task StartAsync()
    {
        if (_file is null) return;
        _busy = true;
        Follow(await Wizard.StartAsync(_file, Settings(), _saveAs, _user, _isAdmin));
        _busy = false;
    }

    /// <summary>Continues the stopped run from its recorded position (the upload is still stored), as a new job run.</summary>
    private async Task ResumeAsync()
    {
        if (_run is null) return;
        (_busy, _error) = (true, null);
        Follow(await Wizard.ResumeAsync(_run, _user, _isAdmin));
        _busy = false;
    }

    /// <summary>Follows the queued run, or shows why none was queued.</summary>
    private void Follow(Result<JobRun> queued)
    {
        if (queued.Value is not { } run)
        {
            _error = queued.Message;
            return;
        }
        (_run, _runState) = (run, null);
        _timer?.Dispose();
        _timer = new Timer(_ => InvokeAsync(RefreshAsync), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private async Task RefreshAsync()
    {
        if (_run is null) return;
        _run = await Wizard.JobRunAsync(_run.Id);
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
