using Campaigns.Data;
using Campaigns.Domain.Integration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Cli.Tests;

// Console output is process-wide: these tests must not run beside each other.
[Collection("console")]
public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-cli-apikey-").FullName;
    private string Database => $"Data Source={Path.Combine(_folder, "store.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("--scopes is required")]
    [InlineData("--scopes names no scope", "--scopes", ",")]
    public async Task A_key_without_named_scopes_is_refused(string error, params string[] scopes)
    {
        var (code, _, stderr) = await RunAsync(["apikey", "create", "--name", "storefront", .. scopes]);
        Assert.Equal(2, code);
        Assert.Contains(error, stderr);
        await using var db = Open();
        Assert.False(await db.ApiKeys.AnyAsync());
    }

    [Fact]
    public async Task A_key_gets_exactly_the_scopes_named()
    {
        var (code, stdout, _) = await RunAsync("apikey", "create", "--name", "importer", "--scopes", "import");
        Assert.Equal(0, code);
        Assert.StartsWith(ApiKey.Prefix, stdout.Trim());
        await using var db = Open();
        Assert.Equal(ApiScopes.Import, (await db.ApiKeys.SingleAsync()).Scopes);
    }

    private CampaignsDbContext Open() => new DatabaseOptions { ConnectionString = Database }.CreateContext();

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        await using (var db = Open()) await db.MigrateAsync(migrateServer: false);
        return await CliRun.RunAsync([.. args, "--database", Database]);
    }
}
