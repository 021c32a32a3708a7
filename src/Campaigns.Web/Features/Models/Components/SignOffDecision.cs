namespace Campaigns.Web.Features.Models.Components;

/// <summary>A Manager's answer to a sign-off request.</summary>
public sealed record SignOffDecision(Guid SignOffId, bool Approve, string? Comment);
