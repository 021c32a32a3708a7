using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Campaigns.Web.Security;

/// <summary>
/// Encrypts each new key with the key-ring certificate (XML encryption, as ProtectKeysWithCertificate does). The stored
/// element names <see cref="KeyRingDecryptor"/> to read it back, which takes the certificate from the app's services:
/// Data Protection's own decryptor only finds certificates registered before the configuration is read, or in the
/// machine's certificate store.
/// </summary>
public sealed class KeyRingEncryptor(KeyRingCertificate key, ILoggerFactory loggers) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new CertificateXmlEncryptor(key.Certificate, loggers).Encrypt(plaintextElement).EncryptedElement, typeof(KeyRingDecryptor));
}
