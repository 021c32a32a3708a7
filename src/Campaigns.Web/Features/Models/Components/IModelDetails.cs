namespace Campaigns.Web.Features.Models.Components;

/// <summary>
/// A kind's evaluation view on the Models page: a component with a <c>Details</c> parameter of the type its kind's
/// definition reads (<see cref="Application.Models.ModelKindDefinition.Details"/>). Found by that type, so a new kind's
/// view needs no registration.
/// </summary>
public interface IModelDetails
{
    object? Details { get; set; }
}
