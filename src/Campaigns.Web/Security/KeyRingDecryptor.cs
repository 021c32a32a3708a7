using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Campaigns.Web.Security;

/// <summary>
/// Reads back a key <see cref="KeyRingEncryptor"/> encrypted. Its type name is stored with every key: renaming or moving
/// it makes the stored keys unreadable (everyone signs in again).
/// </summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.Load(encryptedElement.CreateReader());
        new WithCertificate(document, services.GetRequiredService<KeyRingCertificate>().Certificate).DecryptDocument();
        return XElement.Parse(document.DocumentElement!.OuterXml);
    }

    /// <summary>XML decryption whose session key is unwrapped with the key-ring certificate rather than one from a certificate store.</summary>
    private sealed class WithCertificate(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            using var rsa = certificate.GetRSAPrivateKey() ?? throw new CryptographicException("The key-ring certificate has no RSA private key.");
            return DecryptKey(encryptedKey.CipherData.CipherValue!, rsa, encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
        }
    }
}
