namespace Campaigns.Data.Identity;

/// <summary>The three roles. Each includes the rights of the one before it.</summary>
public static class Roles
{
    public const string Marketer = nameof(Marketer);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static readonly string[] All = [Marketer, Manager, Admin];
}
