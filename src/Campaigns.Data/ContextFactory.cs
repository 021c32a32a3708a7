using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>A context factory outside dependency injection (command line, tests): each call opens a new context.</summary>
public sealed class ContextFactory(Func<CampaignsDbContext> open) : IDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext() => open();
}
