namespace Campaigns.Ml.Customers.Affinity;

/// <summary>
/// Each customer's most likely next products and categories, best first, as indices into the model's
/// <see cref="AffinityModel.Products"/> and <see cref="AffinityModel.Categories"/>: customer i's products at
/// [i·<see cref="ProductsPerCustomer"/>, …) and categories at [i·<see cref="CategoriesPerCustomer"/>, …); −1 fills a list
/// longer than the catalogue.
/// </summary>
public sealed record AffinityPredictions(int ProductsPerCustomer, int[] TopProducts, int CategoriesPerCustomer, int[] TopCategories);
