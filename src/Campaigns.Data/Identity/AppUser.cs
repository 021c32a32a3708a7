using Microsoft.AspNetCore.Identity;

namespace Campaigns.Data.Identity;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>The dark theme, kept with the account so it follows the user to any browser.</summary>
    public bool PrefersDarkTheme { get; set; }
    /// <summary>Set by an invitation or an Admin's reset (a password someone else has seen); cleared when the user changes it.</summary>
    public bool PasswordChangeRequired { get; set; }
}
