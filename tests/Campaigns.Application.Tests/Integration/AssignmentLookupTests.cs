using System.Collections.Concurrent;
using System.Data.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Customers;
using Campaigns.Application.Integration;
using Campaigns.Application.Tests.ContactRules;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Campaigns.Application.Tests.Integration;

public sealed class AssignmentLookupTests : ContactStore
{
    [Fact]
    public async Task A_refused_request_reads_no_recommended_product_or_category_and_an_assigned_one_does()
    {
        await AddRuleAsync(Channel.Email, limit: 1, windowDays: 7);
        var (member, capped) = (await CustomerAsync("C1"), await CustomerAsync("C3"));
        await CustomerAsync("C2");
        await ContactedAsync(await LiveCampaignAsync(Channel.Email), capped, DateTime.UtcNow.AddHours(-1));
        var campaign = await LiveCampaignAsync(Channel.Email, planned: new Dictionary<Guid, double> { [member] = 1, [capped] = 1 });
        var commands = new CommandLog();
        var assignments = new AssignmentService(new ContextFactory(() =>
        {
            var options = new DbContextOptionsBuilder<CampaignsDbContext>();
            Database.Options.Apply(options);
            return new CampaignsDbContext(options.AddInterceptors(commands).Options);
        }), new MoneyFormat("EUR"), new BestSellerCache());

        foreach (var refused in new[] { "C2", "C3" })
        {
            var result = await assignments.AssignAsync(new AssignmentRequest(campaign.Id, refused), CancellationToken.None);
            Assert.False(result.Succeeded, refused);
        }
        Assert.DoesNotContain(commands.Texts, t => t.Contains("\"OrderLines\"") || t.Contains("\"Products\"") || t.Contains("\"Categories\""));

        Assert.True((await assignments.AssignAsync(new AssignmentRequest(campaign.Id, "C1"), CancellationToken.None)).Succeeded);
        Assert.Contains(commands.Texts, t => t.Contains("\"OrderLines\""));
    }

    /// <summary>The text of every command the contexts run.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        public ConcurrentQueue<string> Texts { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
