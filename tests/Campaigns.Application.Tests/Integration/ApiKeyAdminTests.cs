using Campaigns.Application.Common;
using Campaigns.Application.Integration;
using Campaigns.Domain.Integration;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Integration;

public sealed class ApiKeyAdminTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private ApiKeyAdmin Admin() => new(database.Factory);

    [Fact]
    public async Task A_key_is_shown_once_stored_as_a_hash_and_audited()
    {
        var key = (await Admin().CreateAsync("storefront", ApiScopes.Assign, "admin@test")).Value!;
        await using var db = database.Open();
        var stored = await db.ApiKeys.SingleAsync(k => k.Name == "storefront");
        Assert.Equal((ApiKey.Hash(key), key[..10]), (stored.KeyHash, stored.Hint));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "apikey.create" && a.User == "admin@test"));
    }

    [Fact]
    public async Task A_key_needs_a_name_a_scope_and_a_name_no_active_key_has()
    {
        Assert.Equal(Failure.Invalid, (await Admin().CreateAsync(" ", ApiScopes.Assign, "admin@test")).Failure);
        Assert.Equal(Failure.Invalid, (await Admin().CreateAsync("sender", ApiScopes.None, "admin@test")).Failure);
        await Admin().CreateAsync("sender", ApiScopes.Ingest, "admin@test");
        var twice = await Admin().CreateAsync("sender", ApiScopes.Ingest, "admin@test");
        Assert.Equal((Failure.Invalid, "An active key is already named 'sender'. Revoke it or choose another name."), (twice.Failure, twice.Message));
    }

    [Fact]
    public async Task A_revoked_key_frees_its_name_and_a_key_that_is_gone_cannot_be_revoked()
    {
        await Admin().CreateAsync("warehouse", ApiScopes.Import, "admin@test");
        Guid id;
        await using (var db = database.Open()) id = (await db.ApiKeys.SingleAsync(k => k.Name == "warehouse")).Id;
        Assert.True((await Admin().RevokeAsync(id, "admin@test")).Succeeded);
        Assert.True((await Admin().CreateAsync("warehouse", ApiScopes.Import, "admin@test")).Succeeded);
        Assert.Equal(Failure.NotFound, (await Admin().RevokeAsync(Guid.NewGuid(), "admin@test")).Failure);
    }
}
