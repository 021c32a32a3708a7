using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Security;

/// <summary>Keys stored before the key ring was encrypted (their secret in plain XML) are deleted at start-up.</summary>
public static class UnencryptedKeys
{
    /// <summary>
    /// Whoever has a copy of the database could sign cookies with such a key for the rest of its 90 days. Without it,
    /// cookies and antiforgery tokens it signed are refused (everyone signs in once more) and a new, encrypted key signs.
    /// Runs before the key ring is first loaded.
    /// </summary>
    public static async Task DeleteAsync(CampaignsDbContext db, ILogger log)
    {
        var deleted = await db.DataProtectionKeys.Where(k => k.Xml!.Contains("<masterKey")).ExecuteDeleteAsync();
        if (deleted > 0) log.LogWarning("Deleted {Count} sign-in keys stored unencrypted; everyone signs in again once.", deleted);
    }
}
