using Campaigns.Domain.Customers;

namespace Campaigns.Domain.Experiments;

/// <summary>
/// One customer's activity in one experiment, rolled up from its events with what results break down by
/// (pre-period spend, region, device, new or returning), so results read one row per customer instead of
/// every event: 10 million customers rather than 50 million events.
/// </summary>
public sealed class ExperimentCustomer
{
    public Guid ExperimentId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid ArmId { get; set; }
    public int Exposures { get; set; }
    public int Conversions { get; set; }
    public double Revenue { get; set; }
    public DateTime? FirstExposedAt { get; set; }
    public DateTime? FirstConvertedAt { get; set; }
    /// <summary>Days from the experiment's start to the first exposure and conversion, for cumulative results by day.</summary>
    public int? FirstExposedDay { get; set; }
    public int? FirstConvertedDay { get; set; }
    /// <summary>Spend in the 30 days before the experiment started: the CUPED covariate.</summary>
    public double PreSpend { get; set; }
    public string Region { get; set; } = "";
    public Device Device { get; set; }
    /// <summary>Bought before the experiment started (unknown without order history from before the start).</summary>
    public CustomerTenure Tenure { get; set; }
}

/// <summary>How far a rollup has read an append-only table.</summary>
public sealed class RollupWatermark
{
    public required string Name { get; set; }
    public long Position { get; set; }
}

/// <summary>
/// Sufficient statistics of the exposed customers who share an arm, region, device, tenure (new or returning) and first
/// exposure and conversion day (-1: not converted). Kept in step with the rollup, so a result reads a few
/// thousand cells however many customers an experiment has. Sums are over customers: x = revenue, y = conversions.
/// </summary>
public sealed class ExperimentCell
{
    public Guid ExperimentId { get; set; }
    public Guid ArmId { get; set; }
    public string Region { get; set; } = "";
    public Device Device { get; set; }
    public CustomerTenure Tenure { get; set; }
    public int ExposedDay { get; set; }
    public int ConvertedDay { get; set; }
    public long Units { get; set; }
    public long Converters { get; set; }
    public long Orders { get; set; }
    public double Orders2 { get; set; }
    public double Revenue { get; set; }
    public double Revenue2 { get; set; }
    public double RevenueOrders { get; set; }
    public double Pre { get; set; }
    public double Pre2 { get; set; }
    public double RevenuePre { get; set; }
    public double ConvertedPre { get; set; }
}
