using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Tests.Database;

/// <summary>What can be checked of the SQL Server configuration without a server (none runs here).</summary>
public class SqlServerTests
{
    // Nothing listens on port 1: anything that tries to reach the database fails within a second.
    private static readonly DatabaseOptions Unreachable = new()
    {
        Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=127.0.0.1,1;Database=campaigns;Connect Timeout=1;TrustServerCertificate=true",
    };

    [Fact]
    public void The_app_s_own_transactions_are_allowed_no_retrying_strategy_refuses_them()
    {
        using var db = Unreachable.CreateContext();
        Assert.False(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    [Fact]
    public void A_data_protection_key_fits_its_column_so_sign_in_cookies_can_be_issued()
    {
        using var db = Unreachable.CreateContext();
        var xml = db.Model.FindEntityType(typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey))!.FindProperty("Xml")!;
        Assert.Equal("nvarchar(max)", xml.GetColumnType());
    }

    [Fact]
    public async Task A_results_read_does_not_rebuild_the_rollup_on_sql_server()
    {
        var opens = new CountOpens();
        var rollup = new ExperimentRollup(new ContextFactory(() =>
        {
            var builder = new DbContextOptionsBuilder<CampaignsDbContext>();
            Unreachable.Apply(builder);
            return new CampaignsDbContext(builder.AddInterceptors(opens).Options);
        }));

        await rollup.CatchUpBeforeReadAsync();

        Assert.Equal(0, opens.Count);
    }

    private sealed class CountOpens : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public int Count;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult> ConnectionOpeningAsync(System.Data.Common.DbConnection connection,
            Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ConnectionOpeningAsync(connection, eventData, result, cancellationToken);
        }

        public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult ConnectionOpening(System.Data.Common.DbConnection connection,
            Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result)
        {
            Interlocked.Increment(ref Count);
            return base.ConnectionOpening(connection, eventData, result);
        }
    }
}
