using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Models.Components;

public partial class ScheduleEditor
{
    /// <summary>What a kind gets before an Admin has saved a schedule: weekly, off, and an Admin promotes.</summary>
    public const string DefaultCron = "0 3 * * 1";

    private string _cron = DefaultCron;
    private CronSchedule? _schedule;
    private string? _error;
    private bool _enabled;
    private double? _margin, _drift = 0.25, _calibration = 0.5;
    private (Guid Id, DateTime UpdatedAt)? _loaded;

    /// <summary>The model kind this schedule retrains.</summary>
    [Parameter, EditorRequired] public ModelKind Kind { get; set; }

    /// <summary>The stored schedule, or null when none was saved yet. The form is reset only when it changes in the database, not on every reload.</summary>
    [Parameter] public RetrainingSchedule? Saved { get; set; }

    /// <summary>Disables Save while the page saves.</summary>
    [Parameter] public bool Busy { get; set; }

    /// <summary>The time the next runs are counted from (tests fix it); now when null.</summary>
    [Parameter] public DateTime? Now { get; set; }

    /// <summary>Raised with the Admin's settings when Save is pressed (the cron expression has been checked).</summary>
    [Parameter] public EventCallback<ScheduleRequest> OnSave { get; set; }

    private string MetricName => ModelKinds.Get(Kind).Metric.Name;

    protected override void OnParametersSet()
    {
        var key = Saved is { } s ? (s.Id, s.UpdatedAt) : ((Guid, DateTime)?)null;
        if (_schedule is not null || _error is not null)
            if (key == _loaded) return;
        _loaded = key;
        if (Saved is { } saved)
            (_cron, _enabled, _margin, _drift, _calibration) = (saved.Cron, saved.Enabled, saved.AutoPromoteMinGain, saved.DriftThreshold, saved.CalibrationThreshold);
        OnCronChanged(_cron);
    }

    private void OnCronChanged(string? text)
    {
        _cron = text ?? "";
        (_schedule, _error) = CronSchedule.Parse(_cron);
    }

    private Task SaveAsync() => OnSave.InvokeAsync(new ScheduleRequest(Kind, _cron, _enabled, _margin, _drift, _calibration));
}
