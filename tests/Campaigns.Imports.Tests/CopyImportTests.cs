using Campaigns.Application.Copy;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Imports;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Tests;

public class CopyImportTests : ImportDatabase
{
    private const string Header = "channel,text,tone,impressions,clicks,date,campaign,offer\n";

    /// <summary>A completed 20%-off campaign on the Kitchen category (imported with the catalogue).</summary>
    private async Task<Campaign> KitchenSaleAsync()
    {
        await SeedCatalogueAsync();
        await using var db = Open();
        var kitchen = await db.Categories.SingleAsync(c => c.Name == "Kitchen");
        var campaign = new Campaign
        {
            Name = "Kitchen Sale", CreatedBy = "tests", StartsAt = new DateTime(2025, 5, 1), EndsAt = new DateTime(2025, 5, 14),
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, CategoryId = kitchen.Id, Channel = Channel.Email },
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    [Fact]
    public async Task Imported_lines_join_the_copy_corpus_with_their_counts_and_the_campaigns_offer_and_category()
    {
        await KitchenSaleAsync();
        var summary = await ImportAsync(ImportKind.Copy, WriteFile(Header +
            "email,20% off every mug and plate,urgent,1200,36,2025-05-01,kitchen sale,\n" +
            "Push notification,  Free delivery   this weekend ,,800,12,2025-06-10,,free_shipping\n"));
        Assert.Equal((2L, 0L), (summary.Inserted, summary.Rejected));

        await using var db = Open();
        var corpus = await CopyCorpus.LoadAsync(db);
        var mugs = corpus.Headlines.Single(l => l.Text == "20% off every mug and plate");
        Assert.Equal((1200, 36), (mugs.Impressions, mugs.Clicks));
        Assert.Equal(new CopyConditions(CopyChannel.EmailSubject, PromotionType.PercentDiscount, "Kitchen", Tone.Urgent), mugs.Conditions);
        var delivery = corpus.Headlines.Single(l => l.Text == "Free delivery this weekend");
        Assert.Equal(new CopyConditions(CopyChannel.Push, PromotionType.FreeShipping, null, Tone.Friendly), delivery.Conditions);
        Assert.All(await db.CopyVariants.ToListAsync(), v => Assert.Equal((CopySource.Imported, (Guid?)null), (v.Source, v.CampaignId)));
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing_and_new_counts_update_the_same_lines()
    {
        await KitchenSaleAsync();
        var line = "banner,Mugs for every morning,friendly,{0},{1},2025-05-02,Kitchen Sale,\n";
        var path = WriteFile(Header + string.Format(line, 500, 10) + "push,Plates you will love,playful,300,6,2025-05-03,,bundle\n");
        Assert.Equal(2, (await ImportAsync(ImportKind.Copy, path)).Inserted);

        var again = await ImportAsync(ImportKind.Copy, path);
        Assert.Equal((0L, 0L, 2L), (again.Inserted, again.Updated, again.Skipped));

        var recounted = await ImportAsync(ImportKind.Copy, WriteFile(Header + string.Format(line, 900, 27)));
        Assert.Equal((0L, 1L), (recounted.Inserted, recounted.Updated));
        await using var db = Open();
        Assert.Equal(2, await db.CopyVariants.CountAsync());
        Assert.Equal((900, 27), await db.CopyVariants.Where(v => v.Headline == "Mugs for every morning").Select(v => ValueTuple.Create(v.Impressions, v.Clicks)).SingleAsync());
    }

    [Fact]
    public async Task Rows_with_problems_are_rejected_naming_the_row_and_the_column_and_the_rest_is_stored()
    {
        await KitchenSaleAsync();
        var summary = await ImportAsync(ImportKind.Copy, WriteFile(Header +
            "email,Good line,friendly,100,5,2025-05-01,Kitchen Sale,\n" +
            "fax,Bad channel,friendly,100,5,2025-05-01,,percent\n" +
            "push,Too many clicks,friendly,10,11,2025-05-01,,percent\n" +
            "push,Odd tone,grumpy,10,1,2025-05-01,,percent\n" +
            "push,No such campaign,friendly,10,1,2025-05-01,Winter Sale,\n" +
            "push,No offer,friendly,10,1,2025-05-01,,\n" +
            "push,Negative,friendly,-3,0,someday,,percent\n" +
            "email,Good line,friendly,100,5,2025-05-01,Kitchen Sale,\n"));

        Assert.Equal((1L, 7L), (summary.Inserted, summary.Rejected));
        // Values are checked as rows are read; campaigns, offers and duplicates when a batch is stored.
        Assert.Equal(
        [
            "Row 2 (line 3), column 'channel': 'fax' is not email, push or banner.",
            "Row 3 (line 4), column 'clicks': 11 clicks but only 10 impressions.",
            "Row 4 (line 5), column 'tone': 'grumpy' is not urgent, friendly, premium or playful.",
            "Row 7 (line 8), column 'impressions': '-3' is not a whole number of 0 or more.",
            "Row 7 (line 8), column 'date': 'someday' is not a date (read in the invariant culture: choose the file's culture, e.g. de-DE).",
            "Row 5 (line 6), column 'campaign': no campaign is named 'Winter Sale' or has that id.",
            "Row 6 (line 7), column 'offer': the offer is empty and no campaign is named: say what the offer was.",
            "Row 8 (line 9), column 'text': the same line on the same channel, date and offer already appeared at row 1.",
        ], summary.Problems.Select(p => p.ToString()).ToArray());
    }
}
