namespace Campaigns.Web.Features.Models.Components;

/// <summary>Marks a details component with the evaluation type it shows (what its kind's definition reads).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ModelDetailsForAttribute(Type detailsType) : Attribute
{
    public Type DetailsType { get; } = detailsType;
}
