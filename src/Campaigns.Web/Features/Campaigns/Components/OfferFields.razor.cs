using Campaigns.Application.Common.Formatting;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Campaigns.Components;

/// <summary>
/// The terms of one offer (type, its figures, minimum spend, coupon code, category), as grid items of the campaign form;
/// the form validates, this shows the messages of its own fields.
/// </summary>
public partial class OfferFields
{
    [Inject] private MoneyFormat Money { get; set; } = default!;

    /// <summary>The offer being edited; the fields write into it.</summary>
    [Parameter, EditorRequired] public Promotion Offer { get; set; } = default!;

    /// <summary>The prefix of this offer's fields in the rules' errors (<see cref="CampaignRules.OfferField"/>).</summary>
    [Parameter] public string Prefix { get; set; } = "";

    /// <summary>Prefix of the fields' test ids, so each offer's fields can be told apart.</summary>
    [Parameter] public string TestIds { get; set; } = "";

    /// <summary>The form's errors, all offers' included.</summary>
    [Parameter] public IReadOnlyList<FieldError> Errors { get; set; } = [];

    /// <summary>Categories the offer may be limited to (id, name).</summary>
    [Parameter] public IReadOnlyList<(Guid Id, string Name)> Categories { get; set; } = [];

    [Parameter] public bool ReadOnly { get; set; }

    private bool Has(string field) => Errors.Any(e => e.Field == Prefix + field);

    private string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == Prefix + field)?.Message;
}
