using Campaigns.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace Campaigns.Migrations.Postgres;

/// <summary>Lets `dotnet ef` build the PostgreSQL model and script without a server (no connection is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=campaigns;Username=campaigns" }.CreateContext();
}
