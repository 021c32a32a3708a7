using Campaigns.Data;
using Campaigns.Data.Rollup;
using Campaigns.Domain.Experiments;
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
    public void Events_carry_a_rowversion_the_rollup_reads_them_by()
    {
        using var db = Unreachable.CreateContext();
        var stamp = db.Model.FindEntityType(typeof(ExperimentEvent))!.FindProperty(RollupSql.RowVersionColumn)!;
        Assert.Equal("rowversion", stamp.GetColumnType());
        Assert.True(stamp.IsConcurrencyToken);
    }
}
