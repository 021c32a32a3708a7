using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Domain.Integration;

/// <summary>
/// A key a storefront or sender uses to call the integration API. Only its SHA-256 is stored: keys are 256
/// random bits, so a fast hash is safe, and a leaked database does not leak usable keys.
/// </summary>
public sealed class ApiKey : Entity
{
    public const string Prefix = "cmp_";

    public required string Name { get; set; }
    /// <summary>First characters of the key, so an Admin can tell keys apart.</summary>
    public required string Hint { get; set; }
    public required string KeyHash { get; set; }
    public ApiScopes Scopes { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>Creates a key; the plain text is returned once and never stored.</summary>
    public static (ApiKey Key, string PlainText) Create(string name, ApiScopes scopes, string createdBy)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Give the key a name (e.g. the system that will use it).");
        if (scopes == ApiScopes.None) throw new DomainException("Choose at least one scope (assign, ingest).");
        var plain = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiKey { Name = name.Trim(), Hint = plain[..10], KeyHash = Hash(plain), Scopes = scopes, CreatedBy = createdBy }, plain);
    }

    public static string Hash(string plainText) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(plainText)));
}
