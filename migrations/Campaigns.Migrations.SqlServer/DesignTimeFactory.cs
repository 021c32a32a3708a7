using Campaigns.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace Campaigns.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the SQL Server model and script without a server (no connection is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=localhost;Database=Campaigns;Trusted_Connection=True;TrustServerCertificate=True" }.CreateContext();
}
