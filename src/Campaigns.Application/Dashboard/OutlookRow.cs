namespace Campaigns.Application.Dashboard;

/// <summary>A group of customers now, and a month before (null when there was no scoring then).</summary>
public sealed record OutlookRow(string Name, int Customers, int? Before)
{
    public int? Change => Before is { } before ? Customers - before : null;
}
