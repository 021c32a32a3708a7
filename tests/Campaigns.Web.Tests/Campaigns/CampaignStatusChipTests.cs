using Bunit;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Features.Campaigns.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Campaigns;

public class CampaignStatusChipTests : ComponentTest
{
    [Fact]
    public void A_status_reads_as_words_not_as_its_code_name()
    {
        var chip = Render<CampaignStatusChip>(p => p.Add(c => c.Status, CampaignStatus.PendingApproval));

        Assert.Equal("Waiting for approval", chip.Find("[data-testid=status-chip]").TextContent.Trim());
    }
}
