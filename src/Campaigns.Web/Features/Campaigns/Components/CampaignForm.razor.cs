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

    /// <summary>Every offer goes out on the campaign's channel: choosing it sets it on all of them.</summary>
    private void SetChannel(Channel channel)
    {
        foreach (var offer in Campaign.Offers) offer.Channel = channel;
    }

    /// <summary>A further offer, on the campaign's channel; its terms are the marketer's to fill.</summary>
    private void AddOffer()
    {
        if (Campaign.Offers.Count >= Campaign.MaxOffers) return;
        Campaign.AlternativeOffers.Add(new Promotion { Type = PromotionType.PercentDiscount, Channel = Campaign.Promotion.Channel });
    }

    /// <summary>
    /// Removes the offer in <paramref name="position"/> (1 or more: the main offer stays). The offers after it move up, so
    /// the errors named by position no longer point at the right fields: they go until the next save checks again.
    /// </summary>
    private void RemoveOffer(int position)
    {
        Campaign.AlternativeOffers.RemoveAt(position - 1);
        _errors = [.. _errors.Where(e => !e.Field.StartsWith(nameof(Campaign.Offers), StringComparison.Ordinal))];
    }

    /// <summary>Shows errors that came from elsewhere (e.g. the server) beside their fields.</summary>
    public void ShowErrors(IReadOnlyList<FieldError> errors)
    {
        _errors = errors;
        StateHasChanged();
    }

    /// <summary>Fields with a message, each counted once however many rules it breaks.</summary>
    private int FieldsInError => _errors.Select(e => e.Field).Distinct().Count();

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
