namespace Campaigns.Application.Customers;

/// <summary>One attribute an import added to a customer (<c>Customer.CustomAttributesJson</c>).</summary>
public sealed record CustomerAttribute(string Name, string Value);
