using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Integration;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Integration;

/// <summary>Admins create and revoke integration keys; creation returns the key text once.</summary>
public sealed class ApiKeyAdmin(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public async Task<List<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(ct);
    }

    /// <returns>The key's text, shown once.</returns>
    public async Task<Result<string>> CreateAsync(string name, ApiScopes scopes, string user, CancellationToken ct = default)
    {
        ApiKey key;
        string plain;
        try { (key, plain) = ApiKey.Create(name, scopes, user); }
        catch (DomainException ex) { return Result<string>.Invalid(nameof(name), ex.Message); }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiKeys.AnyAsync(k => k.Name == key.Name && k.RevokedAt == null, ct))
            return Result<string>.Invalid(nameof(name), $"An active key is already named '{key.Name}'. Revoke it or choose another name.");
        db.ApiKeys.Add(key);
        db.Audit(user, "apikey.create", nameof(ApiKey), key.Id, $"{key.Name} ({key.Scopes})");
        await db.SaveChangesAsync(ct);
        return plain;
    }

    public async Task<Result> RevokeAsync(Guid id, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct) is not { } key) return Result.NotFound("The key no longer exists.");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = DateTime.UtcNow;
            db.Audit(user, "apikey.revoke", nameof(ApiKey), key.Id, key.Name);
            await db.SaveChangesAsync(ct);
        }
        return Result.Done("Key revoked; calls with it are refused from now on.");
    }
}
