using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Integration;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Integration;

/// <summary>Admins create and revoke integration keys; creation returns the key text once.</summary>
public sealed class ApiKeyAdmin(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public async Task<List<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(ct);
    }

    public async Task<string> CreateAsync(string name, ApiScopes scopes, string admin, CancellationToken ct = default)
    {
        var (key, plain) = ApiKey.Create(name, scopes, admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiKeys.AnyAsync(k => k.Name == key.Name && k.RevokedAt == null, ct))
            throw new DomainException($"An active key is already named '{key.Name}'. Revoke it or choose another name.");
        db.ApiKeys.Add(key);
        db.Audit(admin, "apikey.create", nameof(ApiKey), key.Id, $"{key.Name} ({key.Scopes})");
        await db.SaveChangesAsync(ct);
        return plain;
    }

    public async Task RevokeAsync(Guid id, string admin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new DomainException("The key no longer exists.");
        if (key.RevokedAt is not null) return;
        key.RevokedAt = DateTime.UtcNow;
        db.Audit(admin, "apikey.revoke", nameof(ApiKey), key.Id, key.Name);
        await db.SaveChangesAsync(ct);
    }
}
