using Campaigns.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace Campaigns.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the SQLite model without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=data/design-time.db" }.CreateContext();
}
