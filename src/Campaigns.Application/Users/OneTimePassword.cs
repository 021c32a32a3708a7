using System.Security.Cryptography;

namespace Campaigns.Application.Users;

/// <summary>The password an invitation, a reset or the first start hands out once, to be changed at the next sign-in.</summary>
public static class OneTimePassword
{
    /// <summary>A random password that meets Identity's rules (the fixed "Cp1-" gives the upper case letter, lower case letter and digit).</summary>
    public static string New() => "Cp1-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');
}
