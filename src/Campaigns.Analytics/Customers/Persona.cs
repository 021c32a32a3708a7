namespace Campaigns.Analytics.Customers;

/// <summary>A cluster of shoppers: a stable id, a name in a marketer's words, how many customers, and its centre in the features' own units.</summary>
public sealed record Persona(int Id, string Name, int Size, IReadOnlyList<double> Centre);
