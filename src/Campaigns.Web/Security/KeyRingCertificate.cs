using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Campaigns.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Security;

/// <summary>The certificate the key ring is encrypted with: the configured one, or one generated beside the database.</summary>
public sealed class KeyRingCertificate
{
    public X509Certificate2 Certificate { get; }

    public KeyRingCertificate(IOptions<KeyRingOptions> options, IOptions<DatabaseOptions> database, ILogger<KeyRingCertificate> log)
    {
        // Validated at start-up: Production without demo mode has a configured path.
        if (options.Value.CertificatePath is { Length: > 0 } configured)
        {
            Certificate = Load(configured, options.Value.CertificatePassword);
            return;
        }
        var generated = GeneratedPath(database.Value);
        if (!File.Exists(generated))
        {
            Generate(generated);
            log.LogWarning("Generated {Path} to encrypt the sign-in keys stored in the database; without it they cannot be read. " +
                "In production, set DataProtection:CertificatePath instead.", generated);
        }
        Certificate = Load(generated, null);
    }

    public static X509Certificate2 Load(string path, string? password)
    {
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return certificate.HasPrivateKey ? certificate : throw new InvalidOperationException($"{path} holds no private key; the key ring cannot be read back without one.");
    }

    /// <summary>Beside the SQLite file (data/campaigns.keys.pfx), or in data/ when the database is a server (SQL Server, PostgreSQL).</summary>
    public static string GeneratedPath(DatabaseOptions database)
    {
        var file = database.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource : "data/campaigns.db";
        return Path.ChangeExtension(Path.GetFullPath(file), ".keys.pfx");
    }

    private static void Generate(string path)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Campaigns key ring (generated)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // No password (it would have to be stored beside it); readable by the app's user only.
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, file);
        stream.Write(certificate.Export(X509ContentType.Pkcs12));
    }
}
