namespace Campaigns.Application.Customers;

/// <summary>A score's top categories by name, in order; a category no longer in the catalogue is left out.</summary>
public static class CategoryNames
{
    public static IReadOnlyList<string> Of(IReadOnlyDictionary<Guid, string> names, params Guid?[] ids) =>
        ids.Where(id => id is not null && names.ContainsKey(id.Value)).Select(id => names[id!.Value]).ToList();
}
