using Campaigns.Application.Common.Formatting;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Customers;
using Campaigns.Application.Integration;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;

namespace Campaigns.Application.Tests.ContactRules;

/// <summary>An empty database per test with what contact rules read: customers, live campaigns with their experiments and audiences, rules.</summary>
public abstract class ContactStore : IAsyncLifetime
{
    protected EmptyDatabase Database { get; } = new();

    protected AssignmentService Assignments => new(Database.Factory, new MoneyFormat("EUR"), new BestSellerCache());

    protected ContactRuleAdmin Rules => new(Database.Factory);

    public Task InitializeAsync() => Database.InitializeAsync();

    public Task DisposeAsync() => Database.DisposeAsync();

    protected async Task AddRuleAsync(Channel? channel, int limit, int windowDays)
    {
        var saved = await Rules.SaveAsync(new ContactRuleForm { Channel = channel, Limit = limit, WindowDays = windowDays }, "admin@demo.local");
        Assert.True(saved.Succeeded, saved.Message);
    }

    protected async Task<Guid> CustomerAsync(string externalId)
    {
        await using var db = Database.Open();
        var customer = new Customer { ExternalId = externalId, Region = "North" };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>
    /// A live campaign on <paramref name="channel"/> whose experiment puts everyone in its one treated arm (or, with
    /// <paramref name="holdoutOnly"/>, in its holdout); with <paramref name="planned"/>, a saved audience of those customers
    /// at those expected profits.
    /// </summary>
    protected async Task<Campaign> LiveCampaignAsync(Channel channel = Channel.Email, bool exempt = false, bool holdoutOnly = false,
        IReadOnlyDictionary<Guid, double>? planned = null, CampaignStatus status = CampaignStatus.Live, DateTime? startsAt = null)
    {
        await using var db = Database.Open();
        var start = startsAt ?? DateTime.UtcNow.AddDays(-1);
        var campaign = new Campaign
        {
            Name = $"Campaign {Guid.NewGuid():N}"[..20], CreatedBy = "marketer@demo.local", StartsAt = start, EndsAt = start.AddDays(14), Budget = 100,
            ContactRulesExempt = exempt, Promotion = new Promotion { Type = PromotionType.FreeShipping, Channel = channel },
        };
        campaign.RestoreStatus(status);
        db.Campaigns.Add(campaign);
        var experiment = new Experiment { CampaignId = campaign.Id, Name = campaign.Name, Status = ExperimentStatus.Running, StartedAt = start };
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Holdout", Position = 0, Allocation = holdoutOnly ? 1 : 0, IsControl = true });
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Offer", Position = 1, Allocation = holdoutOnly ? 0 : 1 });
        if (status == CampaignStatus.Live) db.Experiments.Add(experiment);
        if (planned is not null)
        {
            var audience = new Audience { CampaignId = campaign.Id, CreatedBy = "marketer@demo.local" };
            db.Audiences.Add(audience);
            db.AudienceMembers.AddRange(planned.Select((p, i) => new AudienceMember
            {
                AudienceId = audience.Id, CustomerId = p.Key, Cell = AudienceCell.Targeted, Rank = i + 1, ExpectedProfit = p.Value,
            }));
        }
        await db.SaveChangesAsync();
        return campaign;
    }

    /// <summary>A contact made earlier: the customer's assignment to the campaign's treated arm at <paramref name="at"/>.</summary>
    protected async Task ContactedAsync(Campaign campaign, Guid customer, DateTime at)
    {
        await using var db = Database.Open();
        var experiment = db.Experiments.Single(e => e.CampaignId == campaign.Id);
        var arm = db.Arms.Single(a => a.ExperimentId == experiment.Id && !a.IsControl);
        db.Assignments.Add(new Assignment { ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = customer, AssignedAt = at });
        await db.SaveChangesAsync();
    }
}
