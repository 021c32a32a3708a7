namespace Campaigns.Application.Audiences;

/// <summary>Customers of one attribute value, among the eligible and among those selected.</summary>
public sealed record ProfileShare(string Value, int Eligible, int Selected);
