using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Components.Layout;

/// <summary>Reads and writes the signed-in user's theme, stored on their account (see <c>AppUser.PrefersDarkTheme</c>).</summary>
public sealed class ThemePreference(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public async Task<bool> IsDarkAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.NormalizedUserName == Normalize(userName)).Select(u => u.PrefersDarkTheme).FirstOrDefaultAsync(ct);
    }

    public async Task SetDarkAsync(string userName, bool dark, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.NormalizedUserName == Normalize(userName)).ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkTheme, dark), ct);
    }

    // Identity's default lookup normalizer (the indexed column), without a UserManager for a one-column read.
    private static string Normalize(string userName) => userName.ToUpperInvariant();
}
