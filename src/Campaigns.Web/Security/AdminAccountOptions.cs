namespace Campaigns.Web.Security;

/// <summary>The first Admin, created at first start. The password comes from configuration (user secrets or environment), never the repo.</summary>
public sealed class AdminAccountOptions
{
    public const string Section = "Admin";

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Set Admin:Email.")]
    [System.ComponentModel.DataAnnotations.EmailAddress]
    public string Email { get; set; } = "admin@demo.local";

    /// <summary>When empty, a random password is generated and printed once at first start.</summary>
    public string? Password { get; set; }
}
