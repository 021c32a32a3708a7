using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Orders;
using Campaigns.Domain.Programme;

namespace Campaigns.Data.Demo;

/// <summary>Everything the demo store holds, ready to be written.</summary>
public sealed class DemoStore
{
    public List<Category> Categories { get; } = [];
    public List<Product> Products { get; } = [];
    public List<Customer> Customers { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<OrderLine> OrderLines { get; } = [];
    public List<Campaign> Campaigns { get; } = [];
    public List<Experiment> Experiments { get; } = [];
    public List<Assignment> Assignments { get; } = [];
    public List<ExperimentEvent> Events { get; } = [];
    public List<CopyVariant> Copy { get; } = [];
    public List<HoldoutPeriod> HoldoutPeriods { get; } = [];
    public List<CampaignQualifier> Qualifiers { get; } = [];
}
