namespace Campaigns.Application.Audiences;

/// <summary>How the eligible and the selected customers divide by one attribute.</summary>
public sealed record AttributeProfile(string Attribute, IReadOnlyList<ProfileShare> Shares);
