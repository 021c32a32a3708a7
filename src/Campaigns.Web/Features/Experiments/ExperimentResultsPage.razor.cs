using Campaigns.Analytics;
using Campaigns.Application.Experiments;
using Campaigns.Application.Offers;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Experiments;

/// <summary>An experiment's results for the options a manager picks, its targeting check or offer policy test, and the decision form.</summary>
public partial class ExperimentResultsPage
{
    private ExperimentResultsView? _view;
    private TargetingCheckView? _targeting;
    private PolicyTestView? _policyTest;
    private BanditView? _bandit;
    private IReadOnlyList<ExperimentOverlap> _overlaps = [];
    private ResultsOptions _options = new();
    private bool _notFound;

    [Inject] private ExperimentStatistics Statistics { get; set; } = default!;
    [Inject] private TargetingCheck Targeting { get; set; } = default!;
    [Inject] private PolicyTestResults PolicyTest { get; set; } = default!;
    [Inject] private CopyBandit Bandit { get; set; } = default!;
    [Inject] private ExperimentInteractions Interactions { get; set; } = default!;

    /// <summary>The experiment to show.</summary>
    [Parameter] public Guid Id { get; set; }

    protected override Task OnParametersSetAsync() => ReloadAsync(_options);

    private async Task ReloadAsync(ResultsOptions options)
    {
        _options = options;
        _view = await Statistics.LoadAsync(Id, options);
        _notFound = _view is null;
        if (_view is null) return;
        // A multi-offer campaign is read as a test of its offer policy; a single offer's audience by its targeting cells.
        _policyTest = await PolicyTest.LoadAsync(Id);
        _targeting = _policyTest is null ? await Targeting.LoadAsync(Id) : null;
        _bandit = await Bandit.ViewAsync(Id);
        _overlaps = await Interactions.LoadAsync(Id);
    }

    private string Query => $"engine={_options.Engine}&correction={_options.Correction}&cuped={_options.UseCuped}&winsorize={_options.WinsorizePercentile?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private Severity HeadlineSeverity => _view!.Verdict.Action switch
    {
        VerdictAction.Ship => Severity.Success,
        VerdictAction.CheckSampleRatio or VerdictAction.DoNotShip or VerdictAction.Stop => Severity.Warning,
        _ => Severity.Info,
    };
}
