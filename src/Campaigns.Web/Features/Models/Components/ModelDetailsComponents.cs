using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Models.Components;

/// <summary>Finds the details component for a kind's stored evaluation: the <see cref="IModelDetails"/> component marked with <see cref="ModelDetailsForAttribute"/> of its type.</summary>
public static class ModelDetailsComponents
{
    private static readonly Dictionary<Type, Type> ByDetails = typeof(ModelDetailsComponents).Assembly.GetTypes()
        .Where(t => typeof(IModelDetails).IsAssignableFrom(t) && typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
        .SelectMany(t => t.GetCustomAttributes(typeof(ModelDetailsForAttribute), false).Cast<ModelDetailsForAttribute>().Select(a => (a.DetailsType, Component: t)))
        .ToDictionary(x => x.DetailsType, x => x.Component);

    public static Type? For(object details) => ByDetails.GetValueOrDefault(details.GetType());
}
