using Campaigns.Domain.Jobs;

namespace Campaigns.Application.Dashboard;

/// <summary>What the dashboard shows, each figure counted in the database.</summary>
public sealed record DashboardFigures(int LiveCampaigns, int AwaitingApproval, int Customers, int Orders30Days, double Revenue30Days,
    IReadOnlyList<ModelInUse> Models, IReadOnlyList<JobRun> RecentJobs, CustomerOutlook? Outlook);
