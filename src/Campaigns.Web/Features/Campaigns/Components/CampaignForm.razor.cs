using Campaigns.Application.Common.Formatting;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Campaigns.Components;

/// <summary>
/// Edits a campaign and its promotion terms. Validates with the domain's rules before raising
/// <see cref="OnValidSubmit"/>, so an invalid campaign never leaves the form and no input is lost.
/// </summary>
public partial class CampaignForm
{
    private IReadOnlyList<FieldError> _errors = [];
    private bool _saving;

    [Inject] private MoneyFormat Money { get; set; } = default!;

    /// <summary>The campaign being edited; the form writes into it.</summary>
    [Parameter, EditorRequired] public Campaign Campaign { get; set; } = default!;

    /// <summary>Categories the offer may be limited to (id, name).</summary>
    [Parameter] public IReadOnlyList<(Guid Id, string Name)> Categories { get; set; } = [];

    /// <summary>Shows the terms without letting them change (a campaign past review).</summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Raised with the campaign once it passes validation. Returns the errors the store found, if any.</summary>
    [Parameter] public Func<Campaign, Task<IReadOnlyList<FieldError>>>? OnValidSubmit { get; set; }

    private DateTime? StartDate
    {
        get => Campaign.StartsAt == default ? null : Campaign.StartsAt.Date;
        set => Campaign.StartsAt = value is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : default;
    }

    private DateTime? EndDate
    {
        get => Campaign.EndsAt == default ? null : Campaign.EndsAt.Date;
        set => Campaign.EndsAt = value is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : default;
    }

    /// <summary>Shows errors that came from elsewhere (e.g. the server) beside their fields.</summary>
    public void ShowErrors(IReadOnlyList<FieldError> errors)
    {
        _errors = errors;
        StateHasChanged();
    }

    private bool Has(string field) => _errors.Any(e => e.Field == field);

    private string? ErrorFor(string field) => _errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task SaveAsync()
    {
        _errors = CampaignRules.Validate(Campaign);
        if (_errors.Count > 0 || OnValidSubmit is null) return;
        _saving = true;
        try
        {
            _errors = await OnValidSubmit(Campaign);
        }
        finally
        {
            _saving = false;
        }
    }
}
