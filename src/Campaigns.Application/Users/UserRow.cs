namespace Campaigns.Application.Users;

/// <summary>A user as the Users page lists them, with their one role.</summary>
public sealed record UserRow(string Id, string Email, string? DisplayName, string Role, bool IsDisabled, DateTime CreatedAt);
