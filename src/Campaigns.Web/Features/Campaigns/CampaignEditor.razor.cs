using Campaigns.Application.Audiences;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Application.Experiments;
using Campaigns.Domain;
using Campaigns.Domain.Auditing;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Campaigns.Web.Components;
using Campaigns.Web.Features.Campaigns.Components;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Features.Campaigns;

/// <summary>Creates or edits a campaign, and takes it through copy, approval and launch.</summary>
public partial class CampaignEditor
{
    [Inject] private CampaignService Campaigns { get; set; } = null!;
    [Inject] private CopySuggestionService Copy { get; set; } = null!;
    [Inject] private CatalogLookup Catalog { get; set; } = null!;
    [Inject] private ExperimentDesign Design { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private SavedAudiences Audiences { get; set; } = null!;
    [Inject] private MoneyFormat Money { get; set; } = null!;

    /// <summary>The campaign to edit; null to create one.</summary>
    [Parameter] public Guid? Id { get; set; }

    private Campaign? _campaign;
    private CampaignForm? _form;
    private IReadOnlyList<(Guid, string)> _categories = [];
    private List<AuditEntry> _history = [];
    private Channel _savedChannel;
    private int _copyArms;
    /// <summary>Launching adds the model's choice arm: the launch plan sizes it too.</summary>
    private bool _modelChoice;
    /// <summary>The stored campaign's number of offers and chosen copy lines (which a campaign with several offers may not keep).</summary>
    private int _savedOffers, _chosenCopy;
    private bool _notFound;
    private string? _message;
    private string? _comment;
    /// <summary>Why this reviewer may not approve (they submitted it or chose its copy: four eyes); they may still reject.</summary>
    private string? _notApprover;
    private DesignBaseline? _baseline;
    private Guid? _experimentId;
    private SavedAudience? _audience;

    protected override async Task OnParametersSetAsync()
    {
        _categories = await Catalog.CategoriesAsync();
        if (Id is { } id) await LoadAsync(id);
        else
        {
            var start = DateTime.UtcNow.Date.AddDays(7);
            _campaign = new Campaign
            {
                Name = "", CreatedBy = "", StartsAt = start, EndsAt = start.AddDays(14), Budget = 5000,
                Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Email }
            };
        }
    }

    private async Task<IReadOnlyList<FieldError>> SaveAsync(Campaign campaign)
    {
        var result = await Campaigns.SaveAsync(campaign, await CurrentUser.NameAsync());
        // Field errors go beside their fields; a refusal above the form.
        _message = result.Failure == Failure.Invalid ? null : Refusal(result);
        if (!result.Succeeded) return result.Errors;
        Snackbar.Show(result);
        if (Id is null) Navigation.NavigateTo($"campaigns/{result.Value!.Id}");
        else await ReloadAsync();
        return [];
    }

    private async Task SubmitAsync() => await ApplyAsync(await Campaigns.SubmitAsync(_campaign!.Id, await CurrentUser.NameAsync()));
    private async Task ApproveAsync() => await ApplyAsync(await Campaigns.ApproveAsync(_campaign!.Id, await CurrentUser.NameAsync(), _comment));
    private async Task RejectAsync() => await ApplyAsync(await Campaigns.RejectAsync(_campaign!.Id, await CurrentUser.NameAsync(), _comment ?? ""));

    private async Task LaunchAsync(LaunchRequest launch)
    {
        if (!await Dialogs.ConfirmAsync($"Launch {_campaign!.Name}?", LaunchConsequence(_campaign, launch, DateTime.UtcNow), "Launch", Color.Success)) return;
        await ApplyAsync(await Campaigns.LaunchAsync(_campaign.Id, await CurrentUser.NameAsync(), launch.HoldoutPercent / 100.0, launch.Traffic));
    }

    /// <summary>What launching does; the assignment API serves a live campaign at once, whatever its start date says.</summary>
    private static string LaunchConsequence(Campaign campaign, LaunchRequest launch, DateTime now) =>
        (campaign.StartsAt.Date > now.Date
            ? $"The campaign goes live now, before its start date ({campaign.StartsAt:yyyy-MM-dd}): the storefront starts assigning customers to it immediately, not on that date."
            : "The campaign goes live now: the storefront starts assigning customers to it immediately.")
        + $" {launch.HoldoutPercent}% of them are held out without the offer to measure its effect."
        + (launch.Traffic == TrafficAllocation.Thompson ? " The copy arms' shares then shift towards the best copy every 15 minutes; customers keep the copy they were first shown." : "")
        + " Its terms and copy can no longer change, and launching cannot be undone.";

    private async Task ArchiveAsync()
    {
        if (!await Dialogs.ConfirmAsync($"Archive {_campaign!.Name}?", "The campaign leaves the active lists and can no longer be edited, submitted or launched. Archiving cannot be undone.", "Archive", Color.Error)) return;
        await ApplyAsync(await Campaigns.ArchiveAsync(_campaign.Id, await CurrentUser.NameAsync()));
    }

    private async Task ApplyAsync(Result result)
    {
        _message = Refusal(result);
        if (result.Succeeded)
        {
            Snackbar.Show(result);
            _comment = null;
            await ReloadAsync();
        }
    }

    /// <summary>Why a change was not made, shown above the form until closed; the snackbar says what was done.</summary>
    private static string? Refusal(Result result) => result.Succeeded ? null : result.Message;

    /// <summary>After a copy change only the history and the chosen count reload, so unsaved edits in the form stay.</summary>
    private async Task CopyChangedAsync()
    {
        _history = await Campaigns.HistoryAsync(_campaign!.Id);
        if (_savedOffers > 1) _chosenCopy = (await Copy.ChosenAsync(_campaign.Id)).Count;
    }

    private Task ReloadAsync() => LoadAsync(_campaign!.Id);

    /// <summary>The stored campaign and what its status shows (history, experiment, launch plan), after any change.</summary>
    private async Task LoadAsync(Guid id)
    {
        _campaign = await Campaigns.GetAsync(id);
        _notFound = _campaign is null;
        if (_campaign is null) return;
        _savedChannel = _campaign.Promotion.Channel;
        _savedOffers = _campaign.Offers.Count;
        _chosenCopy = _savedOffers > 1 ? (await Copy.ChosenAsync(id)).Count : 0;
        _history = await Campaigns.HistoryAsync(id);
        _experimentId = await Campaigns.ExperimentOfAsync(id);
        _audience = await Audiences.OfCampaignAsync(id);
        _notApprover = _campaign.Status == CampaignStatus.PendingApproval ? await Campaigns.WhyNotApproverAsync(id, await CurrentUser.NameAsync()) : null;
        if (_campaign.Status == CampaignStatus.Approved)
        {
            _baseline = await Design.BaselineAsync();
            _copyArms = (await Copy.ChosenAsync(id)).Count;
            _modelChoice = await Campaigns.LaunchAddsModelChoiceAsync(id);
        }
    }
}
