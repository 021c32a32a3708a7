using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Users;

/// <summary>The audit log as Admins read it: newest first, a page at a time, by user and by action.</summary>
public sealed class AuditTrail(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <param name="user">Part of the user's name; all users when empty.</param>
    /// <param name="action">The start of the action (e.g. "campaign." or "campaign.approve"); all actions when empty.</param>
    public async Task<AuditPage> PageAsync(string? user, string? action, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(user)) q = q.Where(a => a.User.Contains(user.Trim()));
        if (!string.IsNullOrWhiteSpace(action)) q = q.Where(a => a.Action.StartsWith(action.Trim()));
        var total = await q.CountAsync(ct);
        return new AuditPage(total, await q.OrderByDescending(a => a.At).Skip(page * pageSize).Take(pageSize).ToListAsync(ct));
    }
}
