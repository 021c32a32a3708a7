using System.Diagnostics;
using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>
/// "Suggest copy" in the campaign editor: generates candidates with the current copy generator for the campaign's
/// real terms, ranks them with the current CTR ranker, and stores what was shown; picking, editing or writing a line
/// makes it one of the campaign's copy variants (an arm at launch). Everything shown, picked and edited is stored, so
/// the next training learns from it (picked and edited lines join the generator's corpus as copy of the store) and
/// monitoring can follow how often a generator version's suggestions are taken. Every line is checked against the
/// campaign's terms and what the store promises (<paramref name="promises"/>), as of the time it is shown or chosen.
/// </summary>
public sealed class CopySuggestionService(IDbContextFactory<CampaignsDbContext> dbFactory, StorePromises promises)
{
    private const int RegenerateMemory = 100;

    /// <param name="body">Suggest email bodies instead of headlines (email campaigns only).</param>
    public async Task<Result<SuggestionBatch>> SuggestAsync(Guid campaignId, Tone tone, string user, bool body = false, int count = 10, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editable = await EditableCampaignAsync(db, campaignId, ct);
        if (editable.Value is not { } campaign) return Result<SuggestionBatch>.Refused(editable.Message!);
        if (body && campaign.Promotion.Channel != Channel.Email) return Result<SuggestionBatch>.Refused("Only email campaigns have a body.");
        var store = new ModelStore(db);
        var generatorInfo = await store.CurrentAsync(ModelKind.CopyGenerator, ct);
        // Bodies are not ranked (below), so they need no ranker.
        var rankerInfo = body ? null : await store.CurrentAsync(ModelKind.CtrRanker, ct);
        if (generatorInfo is null || (!body && rankerInfo is null))
            return Result<SuggestionBatch>.Refused($"No {(generatorInfo is null ? "copy generator" : "click-through ranker")} is trained yet. An Admin can train one on the Models page.");
        CopyGenerator generator;
        CtrRanker? ranker;
        try
        {
            generator = await store.LoadCopyGeneratorAsync(generatorInfo.Id, ct);
            ranker = rankerInfo is null ? null : await store.LoadCtrRankerAsync(rankerInfo.Id, ct);
        }
        catch (InvalidDataException ex)
        {
            return Result<SuggestionBatch>.Refused(ex.Message);
        }
        var terms = await CopySuggester.TermsAsync(db, campaign, null, promises, DateTime.UtcNow, ct);
        var conditions = new CopyConditions(body ? CopyChannel.EmailBody : CopyConditions.HeadlineChannel(campaign.Promotion.Channel), campaign.Promotion.KnownType, terms.Category, tone);
        var guardrails = await GuardrailsAsync(db, ct);
        var requestId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        // Every request samples afresh ("Regenerate") and leaves out what this campaign's editors were already shown for the
        // channel and tone (the last ten batches), so regenerating brings new lines; reproducibility with a seed is the CLI's and the tests'.
        var shownBefore = await db.CopySuggestions.AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.Channel == campaign.Promotion.Channel && s.IsBody == body && s.Tone == tone)
            .OrderByDescending(s => s.ShownAt).Select(s => s.Text).Take(RegenerateMemory).ToListAsync(ct);
        var options = new GenerationOptions(count, Seed: BitConverter.ToInt32(requestId.ToByteArray(), 0), Shown: shownBefore);
        // The ranker learned from headlines' clicks only: bodies keep the generator's (most diverse first) order, unscored.
        var ranked = await Task.Run(() => ranker is null
            ? generator.Generate(conditions, terms, options, guardrails).Candidates.Select(c => (Candidate: c, Prediction: (CtrPrediction?)null)).ToList()
            : CopySuggester.Suggest(generator, ranker, conditions, terms, options, guardrails).Ranked.Select(r => (r.Candidate, Prediction: (CtrPrediction?)r.Prediction)).ToList(), ct);
        var tones = await TonesAsync(store, ranked.Select(r => r.Candidate.Text).ToList(), ct);
        clock.Stop();

        var shownAt = DateTime.UtcNow;
        var rows = ranked.Select((r, i) => new CopySuggestion
        {
            CampaignId = campaignId, RequestId = requestId, Rank = i + 1, Channel = campaign.Promotion.Channel, IsBody = body, Tone = tone, Text = r.Candidate.Text,
            PredictedCtr = r.Prediction?.Ctr, PredictedLow = r.Prediction?.Low, PredictedHigh = r.Prediction?.High,
            GeneratorVersionId = generatorInfo.Id, RankerVersionId = rankerInfo?.Id, ShownTo = user, ShownAt = shownAt,
        }).ToList();
        db.CopySuggestions.AddRange(rows);
        await db.SaveChangesAsync(ct);
        var shown = rows.Zip(ranked, (row, r) => new ShownSuggestion(row.Id, row.Rank, row.Text, r.Prediction, tones?[row.Rank - 1])).ToList();
        return new SuggestionBatch(requestId, shown, CopySuggester.ModelsText(generatorInfo.Version, rankerInfo?.Version), clock.Elapsed, tone, shownAt);
    }

    /// <summary>The channel the campaign's copy is written for; null when there is no such campaign.</summary>
    public async Task<Channel?> ChannelAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChannelAsync(db, campaignId, ct);
    }

    private static Task<Channel?> ChannelAsync(CampaignsDbContext db, Guid campaignId, CancellationToken ct) =>
        db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => (Channel?)c.Promotion.Channel).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The tone each text reads as to the current tone classifier. Computed when shown, not stored: a batch read back
    /// later is read by the classifier current then. None while no classifier is trained or when its artifact does not
    /// load: the tone is then not shown and suggesting goes on.
    /// </summary>
    private static async Task<IReadOnlyList<TonePrediction>?> TonesAsync(ModelStore store, IReadOnlyList<string> texts, CancellationToken ct)
    {
        if (texts.Count == 0 || await store.CurrentAsync(ModelKind.ToneClassifier, ct) is not { } info) return null;
        try
        {
            return (await store.LoadToneClassifierAsync(info.Id, ct)).Predict(texts);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// The last candidates shown for the campaign on its current channel (headlines, or email bodies), as they were shown:
    /// same ranks, predictions and intervals (the words that moved a prediction are not stored). Null when none were.
    /// </summary>
    public async Task<SuggestionBatch?> LastShownAsync(Guid campaignId, bool body, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ChannelAsync(db, campaignId, ct) is not { } channel) return null;
        var shown = db.CopySuggestions.AsNoTracking().Where(s => s.CampaignId == campaignId && s.Channel == channel && s.IsBody == body);
        var last = await shown.OrderByDescending(s => s.ShownAt).Select(s => (Guid?)s.RequestId).FirstOrDefaultAsync(ct);
        if (last is not { } requestId) return null;
        var rows = await shown.Where(s => s.RequestId == requestId).OrderBy(s => s.Rank).ToListAsync(ct);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.Id == rows[0].GeneratorVersionId || v.Id == rows[0].RankerVersionId)
            .ToDictionaryAsync(v => v.Id, v => v.Version, ct);
        var tones = await TonesAsync(new ModelStore(db), rows.Select(r => r.Text).ToList(), ct);
        var candidates = rows.Select((r, i) => new ShownSuggestion(r.Id, r.Rank, r.Text,
            r.PredictedCtr is { } ctr ? new CtrPrediction(ctr, r.PredictedLow ?? ctr, r.PredictedHigh ?? ctr, [], []) : null, tones?[i])).ToList();
        var ranker = rows[0].RankerVersionId is { } rankerId ? versions.GetValueOrDefault(rankerId) : (int?)null;
        return new SuggestionBatch(requestId, candidates, CopySuggester.ModelsText(versions.GetValueOrDefault(rows[0].GeneratorVersionId), ranker), null, rows[0].Tone, rows[0].ShownAt);
    }

    /// <summary>
    /// Makes a shown suggestion (as shown, or as the marketer edited it) one of the campaign's copy variants; a suggested
    /// email body becomes the body of the chosen variant <paramref name="forVariant"/>.
    /// </summary>
    public async Task<Result<ChosenCopy>> PickAsync(Guid suggestionId, string? editedText, string user, Guid? forVariant = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var suggestion = await db.CopySuggestions.SingleOrDefaultAsync(s => s.Id == suggestionId, ct);
        if (suggestion is null) return Result<ChosenCopy>.Refused("That suggestion no longer exists; ask for new ones.");
        var text = Normalize(editedText);
        if (editedText is not null && text.Length == 0) return Result<ChosenCopy>.Refused("Write the copy first.");
        var edited = text.Length > 0 && !string.Equals(text, suggestion.Text, StringComparison.Ordinal);
        var outcome = suggestion.IsBody
            ? await SetBodyAsync(db, suggestion.CampaignId, forVariant, edited ? text : suggestion.Text, suggestion.Id, user, ct)
            : await AddVariantAsync(db, suggestion.CampaignId, edited ? text : suggestion.Text, suggestion.Tone,
                edited ? CopySource.Edited : CopySource.Generated, suggestion, user, ct);
        if (outcome.Value is not { } chosen) return outcome;
        suggestion.PickedAt = DateTime.UtcNow;
        suggestion.EditedText = edited ? text : null;
        var refusal = await SaveWhileEditableAsync(db, suggestion.CampaignId,
            suggestion.IsBody ? null : () => RecheckChoiceAsync(db, suggestion.CampaignId, chosen.Headline, ct), ct);
        return refusal is null ? outcome : Result<ChosenCopy>.Refused(refusal);
    }

    /// <summary>Adds copy the marketer wrote themselves, checked by the same guardrails as generated copy.</summary>
    public async Task<Result<ChosenCopy>> WriteAsync(Guid campaignId, string text, Tone tone, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var outcome = await AddVariantAsync(db, campaignId, Normalize(text), tone, CopySource.Written, null, user, ct);
        if (outcome.Value is not { } chosen) return outcome;
        var refusal = await SaveWhileEditableAsync(db, campaignId, () => RecheckChoiceAsync(db, campaignId, chosen.Headline, ct), ct);
        return refusal is null ? outcome : Result<ChosenCopy>.Refused(refusal);
    }

    /// <summary>Removes a chosen line while the campaign can still change; its suggestion no longer counts as picked.</summary>
    public async Task<Result> RemoveAsync(Guid variantId, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var variant = await db.CopyVariants.SingleOrDefaultAsync(v => v.Id == variantId, ct);
        if (variant?.CampaignId is not { } campaignId) return Result.NotFound("That copy no longer exists.");
        db.CopyVariants.Remove(variant);
        db.Audit(user, "copy.remove", nameof(Campaign), campaignId, $"“{variant.Headline}”");
        var refusal = await SaveWhileEditableAsync(db, campaignId, async () =>
        {
            await UnpickAsync(db, variant, ct);
            return null;
        }, ct);
        return refusal is null ? Result.Done() : Result.Refused(refusal);
    }

    /// <summary>
    /// The suggestions of a removed line stop counting as picked, so the pick rate stays true, unless another line still
    /// carries them (a body can sit under two lines).
    /// </summary>
    private static Task UnpickAsync(CampaignsDbContext db, CopyVariant removed, CancellationToken ct)
    {
        var ids = new[] { removed.SuggestionId, removed.BodySuggestionId }.OfType<Guid>().ToList();
        return ids.Count == 0 ? Task.CompletedTask : db.CopySuggestions
            .Where(s => ids.Contains(s.Id) && !db.CopyVariants.Any(v => v.Id != removed.Id && (v.SuggestionId == s.Id || v.BodySuggestionId == s.Id)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PickedAt, (DateTime?)null).SetProperty(x => x.EditedText, (string?)null), ct);
    }

    /// <summary>
    /// Takes the body off a chosen line (replaced, or the campaign is no longer an email); its suggestion stops counting
    /// as picked unless another line carries it. Saved with the caller's change.
    /// </summary>
    internal static async Task DropBodyAsync(CampaignsDbContext db, CopyVariant variant, CancellationToken ct)
    {
        if (variant.BodySuggestionId is { } id
            && !await db.CopyVariants.AnyAsync(v => v.Id != variant.Id && (v.SuggestionId == id || v.BodySuggestionId == id), ct)
            && await db.CopySuggestions.SingleOrDefaultAsync(x => x.Id == id, ct) is { } suggestion)
            (suggestion.PickedAt, suggestion.EditedText) = (null, null);
        (variant.Body, variant.BodySuggestionId, variant.BodyChosenBy) = (null, null, null);
    }

    public async Task<IReadOnlyList<ChosenCopy>> ChosenAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Chosen(db, campaignId).Select(v => new ChosenCopy(v.Id, v.Headline, v.Body, v.Source, v.PredictedCtr, v.ApprovedBy, v.SuggestionId, v.BodySuggestionId)).ToListAsync(ct);
    }

    /// <summary>
    /// What is wrong with the campaign's chosen copy under its current terms and guardrails (the terms may have changed
    /// since the copy was picked), one sentence per line at fault; empty when the copy may go to review.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(CampaignsDbContext db, Campaign campaign, StorePromises promises, CancellationToken ct = default)
    {
        var chosen = await Chosen(db, campaign.Id).Select(v => new { v.Headline, v.Body }).ToListAsync(ct);
        if (chosen.Count == 0) return [];
        var terms = await CopySuggester.TermsAsync(db, campaign, null, promises, DateTime.UtcNow, ct);
        var guardrails = await GuardrailsAsync(db, ct);
        var lines = chosen.Select(v => (Text: v.Headline, Channel: CopyConditions.HeadlineChannel(campaign.Promotion.Channel)))
            .Concat(chosen.Where(v => v.Body is not null).Select(v => (Text: v.Body!, Channel: CopyChannel.EmailBody)));
        return lines.Select(l => Problems(l.Text, l.Channel, terms, guardrails) is { Count: > 0 } p ? $"“{l.Text}” {string.Join("; ", p)}." : null).OfType<string>().ToList();
    }

    /// <summary>
    /// Saves a copy change only while the campaign is a draft or rejected. In one transaction it first touches the
    /// campaign's row on that condition, which holds the row (SQLite: the database) until commit, so a submit or an
    /// approval cannot land between the check and the write; then <paramref name="beforeSave"/> re-checks or adds what
    /// a concurrent change could break, and the change is saved. Returns why not, or null.
    /// </summary>
    private static async Task<string?> SaveWhileEditableAsync(CampaignsDbContext db, Guid campaignId, Func<Task<string?>>? beforeSave, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var held = await db.Campaigns.Where(c => c.Id == campaignId && Campaign.EditableStatuses.Contains(c.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, DateTime.UtcNow), ct);
        if (held == 0) return "The campaign is no longer a draft (or no longer exists): its copy can no longer change.";
        if (beforeSave is not null && await beforeSave() is { } refusal) return refusal;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>The campaign, or why its copy cannot change (gone, or past review). <see cref="SaveWhileEditableAsync"/> re-checks at the write.</summary>
    private static async Task<Result<Campaign>> EditableCampaignAsync(CampaignsDbContext db, Guid campaignId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        return campaign is null ? Result<Campaign>.NotFound("The campaign no longer exists.")
            : campaign.IsEditable ? campaign
            : Result<Campaign>.Refused($"The campaign is {campaign.Status.InSentence()}: its copy can no longer change.");
    }

    /// <summary>The limits another marketer's concurrent pick could have broken: the number of variants and duplicates.</summary>
    private static async Task<string?> RecheckChoiceAsync(CampaignsDbContext db, Guid campaignId, string text, CancellationToken ct)
    {
        var chosen = await Chosen(db, campaignId).Select(v => v.Headline).ToListAsync(ct);
        if (chosen.Count >= Campaign.MaxCopyVariants) return $"A campaign tests at most {Campaign.MaxCopyVariants} copy variants; remove one first.";
        return chosen.Contains(text, StringComparer.OrdinalIgnoreCase) ? "This copy is already chosen." : null;
    }

    /// <summary>The Admin-managed banned phrases with the channels' length limits.</summary>
    public static async Task<CopyGuardrails> GuardrailsAsync(CampaignsDbContext db, CancellationToken ct) =>
        new(await db.BannedPhrases.AsNoTracking().OrderBy(p => p.Phrase).Select(p => p.Phrase).ToListAsync(ct));

    /// <summary>The campaign's chosen copy in the order it was chosen (the order of its arms at launch).</summary>
    internal static IQueryable<CopyVariant> Chosen(CampaignsDbContext db, Guid campaignId) =>
        db.CopyVariants.AsNoTracking().Where(v => v.CampaignId == campaignId).OrderBy(v => v.CreatedAt).ThenBy(v => v.Id);

    /// <summary>
    /// The guardrails' violations and what the campaign does not support, each ending a sentence that starts with the copy;
    /// statements of other terms are put beside the offer's.
    /// </summary>
    private static List<string> Problems(string text, CopyChannel channel, PromotionTerms terms, CopyGuardrails guardrails)
    {
        var problems = guardrails.Violations(text, channel).ToList();
        var contradictions = TermsChecker.Contradictions(text, terms, channel).ToLookup(c => c.Kind is ClaimKind.Offer or ClaimKind.Shipping);
        if (contradictions[true].Any())
            problems.Add($"{string.Join(" and ", contradictions[true])}, but the offer is {terms.Offer}{(terms.Code is null ? "" : $" with the code {terms.Code}")}");
        problems.AddRange(contradictions[false].Select(c => c.Reason));
        return problems;
    }

    private static string Normalize(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<Result<ChosenCopy>> AddVariantAsync(CampaignsDbContext db, Guid campaignId, string text, Tone tone, CopySource source,
        CopySuggestion? suggestion, string user, CancellationToken ct)
    {
        var editable = await EditableCampaignAsync(db, campaignId, ct);
        if (editable.Value is not { } campaign) return Result<ChosenCopy>.Refused(editable.Message!);
        if (text.Length == 0) return Result<ChosenCopy>.Refused("Write the copy first.");
        if (await RecheckChoiceAsync(db, campaignId, text, ct) is { } limit) return Result<ChosenCopy>.Refused(limit);
        var terms = await CopySuggester.TermsAsync(db, campaign, null, promises, DateTime.UtcNow, ct);
        var channel = CopyConditions.HeadlineChannel(campaign.Promotion.Channel);
        if (Problems(text, channel, terms, await GuardrailsAsync(db, ct)) is { Count: > 0 } problems)
            return Result<ChosenCopy>.Refused($"This copy {string.Join("; ", problems)}.");
        var (predicted, rankerVersion) = suggestion is not null && source == CopySource.Generated ? (suggestion.PredictedCtr, suggestion.RankerVersionId)
            : await PredictAsync(db, text, new CopyConditions(channel, campaign.Promotion.KnownType, terms.Category, tone), ct);
        var variant = new CopyVariant
        {
            CampaignId = campaignId, Channel = campaign.Promotion.Channel, Tone = tone, PromotionType = campaign.Promotion.KnownType,
            CategoryId = campaign.Promotion.CategoryId, Headline = text, Source = source, SuggestionId = suggestion?.Id,
            PredictedCtr = predicted, RankerVersionId = rankerVersion, CreatedBy = user,
        };
        db.CopyVariants.Add(variant);
        db.Audit(user, "copy.choose", nameof(Campaign), campaignId, $"{source}: “{text}”");
        return new ChosenCopy(variant.Id, variant.Headline, null, source, predicted, null, suggestion?.Id, null);
    }

    private async Task<Result<ChosenCopy>> SetBodyAsync(CampaignsDbContext db, Guid campaignId, Guid? variantId, string text, Guid suggestionId,
        string user, CancellationToken ct)
    {
        var editable = await EditableCampaignAsync(db, campaignId, ct);
        if (editable.Value is not { } campaign) return Result<ChosenCopy>.Refused(editable.Message!);
        var variant = variantId is { } id ? await db.CopyVariants.SingleOrDefaultAsync(v => v.Id == id && v.CampaignId == campaignId, ct) : null;
        if (variant is null) return Result<ChosenCopy>.Refused("Choose a subject line first: a body goes under one.");
        var terms = await CopySuggester.TermsAsync(db, campaign, null, promises, DateTime.UtcNow, ct);
        if (Problems(text, CopyChannel.EmailBody, terms, await GuardrailsAsync(db, ct)) is { Count: > 0 } problems)
            return Result<ChosenCopy>.Refused($"This body {string.Join("; ", problems)}.");
        if (variant.BodySuggestionId != suggestionId) await DropBodyAsync(db, variant, ct);
        (variant.Body, variant.BodySuggestionId, variant.BodyChosenBy) = (text, suggestionId, user);
        db.Audit(user, "copy.body", nameof(Campaign), campaignId, $"“{variant.Headline}”: {text}");
        return new ChosenCopy(variant.Id, variant.Headline, text, variant.Source, variant.PredictedCtr, variant.ApprovedBy, variant.SuggestionId, suggestionId);
    }

    /// <summary>The current ranker's prediction for an edited or written line, with its version; none when no ranker is current or it cannot load.</summary>
    private static async Task<(double? Ctr, Guid? RankerVersionId)> PredictAsync(CampaignsDbContext db, string text, CopyConditions conditions, CancellationToken ct)
    {
        var store = new ModelStore(db);
        if (await store.CurrentAsync(ModelKind.CtrRanker, ct) is not { } info) return (null, null);
        try
        {
            var ranker = await store.LoadCtrRankerAsync(info.Id, ct);
            return (ranker.Predict([(text, conditions)])[0].Ctr, info.Id);
        }
        catch (InvalidDataException)
        {
            return (null, null);
        }
    }
}
