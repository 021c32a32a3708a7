using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Importers;

/// <summary>
/// A store's own past copy, one row per line sent: stored as <see cref="CopySource.Imported"/> copy lines with their
/// impressions and clicks, which the copy corpus reads like the demo's, so the generator and the ranker train on the
/// store's copy. A named campaign gives the offer and the category (what the models are conditioned on); the line is
/// not attached to it, since a campaign's copy variants become its arms. The natural key is channel + text + date +
/// offer + category, everything the corpus keeps of a line: a second import of the same file updates the counts
/// instead of adding the lines again, and only imported lines are ever matched, never the app's own copy.
/// </summary>
internal sealed class CopyImporter(ImportContext context) : Importer<CopyImporter.Row>(context)
{
    private const int MaxText = 200;
    private List<CampaignTerms>? _campaigns;
    /// <summary>Lines stored by this import and the row each came from: a later row with the same key is a duplicate.</summary>
    private readonly Dictionary<(Channel, string, DateTime, PromotionType, Guid?), long> _seen = [];

    public sealed record Row(ImportRow Source, Channel Channel, string Text, Tone Tone, int Impressions, int Clicks, DateTime Date, string? Campaign, PromotionType? Offer) : Item(Source);

    private sealed record CampaignTerms(Guid Id, string Name, PromotionType? Type, Guid? CategoryId);

    protected override Row? Parse(ImportRow row)
    {
        var channel = row.Required("channel", 40) is { } c ? Choose(row, "channel", c, ChannelOf(c), "email, push or banner") : null;
        var text = row.Required("text", 2 * MaxText) is { } t ? string.Join(' ', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : null;
        if (text?.Length > MaxText)
        {
            row.Problem("text", $"the line is {text.Length} characters long; at most {MaxText} fit.");
            text = null;
        }
        var tone = row.Text("tone", 40) is { } named ? Choose(row, "tone", named, Enum.TryParse<Tone>(named, true, out var v) && Enum.IsDefined(v) ? v : (Tone?)null, "urgent, friendly, premium or playful")
            : Tone.Friendly;
        var offer = row.Text("offer", 40) is { } o ? Choose(row, "offer", o, OfferOf(o), "percent, fixed, free_shipping or bundle") : null;
        var (impressions, clicks, date) = (row.Count("impressions"), row.Count("clicks"), row.Date("date"));
        foreach (var field in new[] { "impressions", "clicks", "date" })
            if (row.Text(field) is null) row.Problem(field, $"{field} is empty.");
        if (clicks > impressions) row.Problem("clicks", $"{clicks} clicks but only {impressions} impressions.");
        return channel is null || text is null || tone is null || impressions is null || clicks is null || date is null ? null
            : new Row(row, channel.Value, text, tone.Value, impressions.Value, clicks.Value, date.Value, row.Text("campaign", 200), offer);
    }

    protected override async Task<BatchOutcome> StoreAsync(List<Row> batch, CancellationToken ct)
    {
        _campaigns ??= await Db.Campaigns.AsNoTracking().Select(c => new CampaignTerms(c.Id, c.Name, c.Promotion.Type, c.Promotion.CategoryId)).ToListAsync(ct);
        var rejected = new List<(ImportRow, RowProblem)>();
        var lines = new List<(Row Row, (Channel, string, DateTime, PromotionType, Guid?) Key)>();
        foreach (var row in batch)
        {
            CampaignTerms? campaign = null;
            if (row.Campaign is { } named)
            {
                var matches = _campaigns.Where(c => Guid.TryParse(named, out var id) ? c.Id == id : string.Equals(c.Name, named, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count != 1)
                {
                    rejected.Add(Reject(row.Source, "campaign", matches.Count == 0 ? $"no campaign is named '{Excerpt.Of(named)}' or has that id."
                        : $"{matches.Count} campaigns are named '{Excerpt.Of(named)}': use the campaign's id."));
                    continue;
                }
                campaign = matches[0];
            }
            if ((row.Offer ?? campaign?.Type) is not { } offer)
            {
                rejected.Add(Reject(row.Source, "offer", campaign is null ? "the offer is empty and no campaign is named: say what the offer was."
                    : $"the offer is empty and campaign '{campaign.Name}' does not say what its offer was."));
                continue;
            }
            var key = (row.Channel, row.Text, row.Date, offer, campaign?.CategoryId);
            if (!_seen.TryAdd(key, row.Source.Number))
            {
                rejected.Add(Reject(row.Source, "text", $"the same line on the same channel, date and offer already appeared at row {_seen[key]}."));
                continue;
            }
            lines.Add((row, key));
        }

        var stored = new Dictionary<(Channel, string, DateTime, PromotionType, Guid?), CopyVariant>();
        foreach (var chunk in lines.Select(l => l.Row.Text).Distinct().Chunk(KeysPerQuery))
            foreach (var v in await Db.CopyVariants.Where(v => v.Source == CopySource.Imported && chunk.Contains(v.Headline)).ToListAsync(ct))
                stored.TryAdd((v.Channel, v.Headline, v.CreatedAt, v.PromotionType, v.CategoryId), v);
        var inserts = new List<CopyVariant>();
        foreach (var (row, key) in lines)
        {
            if (!stored.TryGetValue(key, out var line))
            {
                var (channel, text, date, offer, category) = key;
                inserts.Add(line = new CopyVariant
                {
                    Channel = channel, Headline = text, CreatedAt = date, PromotionType = offer, CategoryId = category,
                    Source = CopySource.Imported, CreatedBy = Context.User,
                });
            }
            (line.Tone, line.Impressions, line.Clicks) = (row.Tone, row.Impressions, row.Clicks);
        }
        Db.ChangeTracker.DetectChanges();
        var updated = stored.Values.Count(v => Db.Entry(v).State == EntityState.Modified);
        if (Context.Write)
        {
            await Db.BulkInsertAsync(inserts, ct);
            await Db.SaveChangesAsync(ct);
        }
        return new BatchOutcome(inserts.Count, updated, lines.Count - inserts.Count - updated, rejected);
    }

    /// <summary>The value read, or a problem naming what the column accepts.</summary>
    private static T? Choose<T>(ImportRow row, string field, string text, T? value, string accepted) where T : struct
    {
        if (value is null) row.Problem(field, $"'{Excerpt.Of(text)}' is not {accepted}.");
        return value;
    }

    private static string Letters(string text) => new(text.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    private static Channel? ChannelOf(string text) => Letters(text) switch
    {
        "email" or "emailsubject" or "subject" or "subjectline" => Channel.Email,
        "push" or "pushnotification" => Channel.Push,
        "banner" or "onsitebanner" or "sitebanner" => Channel.OnsiteBanner,
        _ => null,
    };

    private static PromotionType? OfferOf(string text) => Letters(text) switch
    {
        "percent" or "percentoff" or "percentdiscount" => PromotionType.PercentDiscount,
        "fixed" or "fixedamount" or "fixedamountoff" or "amountoff" => PromotionType.FixedAmountOff,
        "freeshipping" => PromotionType.FreeShipping,
        "bundle" => PromotionType.Bundle,
        _ => null,
    };
}
