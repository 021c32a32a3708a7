using Campaigns.Domain.Customers;

namespace Campaigns.Application.Audiences;

/// <summary>The customers of one region on one device: how many, how many bought, and how they buy.</summary>
public sealed record CustomerSegment(string Region, Device Device, int Customers, int Buyers, double AvgOrders, double AvgSpend, double DiscountShare);
