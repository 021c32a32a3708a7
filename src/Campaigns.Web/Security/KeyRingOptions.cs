namespace Campaigns.Web.Security;

/// <summary>
/// The certificate that encrypts the data-protection key ring (the keys that sign sign-in cookies and antiforgery
/// tokens) before it is stored in the database. It lives outside the database, so a copy of the database alone lets
/// nobody sign in. Without one, demo mode and non-Production hosts generate one beside the SQLite file.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, from a secret store.</summary>
    public string? CertificatePassword { get; set; }
}
