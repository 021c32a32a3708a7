using System.Text.Json;
using Campaigns.Analytics.Targeting;
using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Models;
using Campaigns.Application.Programme;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Audiences;

/// <summary>
/// Builds audiences: streams the eligible customers from the database, scores them in batches with the current
/// uplift model, prices each one's expected incremental profit on the campaign's own terms, and lets the
/// allocator choose (weighing retention value when the request asks). Saving writes the members in bulk and replaces the
/// campaign's previous audience.
/// </summary>
public sealed class AudienceBuilder(CampaignsDbContext db, ModelStore models, IOptions<TargetingOptions> options)
{
    private readonly TargetingOptions _options = options.Value;

    /// <summary>What the builder starts from: the campaign, the current targeting model, what its rules pick from and the saved audience; null without the campaign.</summary>
    public async Task<AudienceSetup?> SetupAsync(Guid campaignId, CancellationToken ct = default)
    {
        if (await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct) is not { } campaign) return null;
        return new AudienceSetup(campaign, await models.CurrentAsync(ModelKind.UpliftTargeting, ct), await RuleChoices.ReadAsync(db, ct),
            await db.Audiences.AsNoTracking().SingleOrDefaultAsync(a => a.CampaignId == campaignId, ct))
        { RetentionCredit = _options.RetentionCredit };
    }

    /// <summary>Builds the audience the request asks for; refused when its rules contradict each other, or it needs a model and none is current.</summary>
    public async Task<Result<AudiencePlan>> PlanAsync(AudienceRequest request, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var started = DateTime.UtcNow;
        var scoring = new System.Diagnostics.Stopwatch();
        var errors = request.Validate();
        if (errors.Count > 0) return Result<AudiencePlan>.Refused(string.Join(" ", errors));
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CampaignId, ct);
        if (campaign is null) return Result<AudiencePlan>.NotFound("The campaign no longer exists.");
        var modelInfo = await models.CurrentAsync(ModelKind.UpliftTargeting, ct);
        if (modelInfo is null && request.Selection != AudienceSelection.Everyone)
            return Result<AudiencePlan>.Refused("No targeting model is current yet, so the audience can only be chosen by rules. An Admin can train one on the Models page.");
        var model = modelInfo is null ? null : await models.LoadUpliftAsync(modelInfo.Id, ct);
        var attributes = model is null ? AttributeSchema.None : AttributeSchema.Of(model.Metadata);
        var economics = await StoreEconomics.ReadAsync(db, _options, ct);
        var pressure = await ContactPressure.ReadAsync(db, campaign, ct);

        var now = DateTime.UtcNow;
        var eligible = db.Customers.AsNoTracking().Eligible(request.Rules, campaign.Promotion, now);
        var total = await eligible.CountAsync(ct);
        var outlooks = request.WeighRetention && model is not null ? await RetentionOutlook.ReadAsync(eligible, ct) : [];
        var rows = new EligibleRows(total);
        var prospects = model is null ? null : new List<Prospect>(total);
        var retention = new List<double>(model is null ? 0 : total);
        // Seeded from the campaign (HashCode is randomized per process), so the same request draws the same random cell on any instance.
        var random = new Random(BitConverter.ToInt32(request.CampaignId.ToByteArray(), 0));
        var holdout = await GlobalHoldout.AtAsync(db, now, ct);
        await ScoringPipeline.RunAsync(CustomerRow.AsOf(db, eligible, now).AsAsyncEnumerable(), _options.ScoringBatch, Absorb, ct);

        // Row indexes, prospects and the random cell stay deterministic: the pipeline absorbs batches one at a time, in order.
        void Absorb(List<CustomerRow> batch)
        {
            var rowsToScore = holdout.LeaveOut(batch, r => r.Id);
            scoring.Start();
            var predictions = model is null ? null : Score(model, attributes, rowsToScore, campaign.Promotion);
            scoring.Stop();
            for (var i = 0; i < rowsToScore.Count; i++)
            {
                var r = rowsToScore[i];
                var index = rows.Add(r, random.NextDouble() < request.RandomCellShare);
                if (predictions is null) continue;
                var pControl = Math.Clamp(predictions.ControlOutcome(i), 0, 1);
                var uplift = predictions.Effect(i, 1);
                var orderValue = r.Snapshot.Orders > 0 ? r.Snapshot.Spend / r.Snapshot.Orders : economics.AverageOrderValue;
                // A caused purchase is worth its margin, plus what it keeps of an at-risk future when the request weighs it.
                var kept = economics.RetentionValue(outlooks.TryGetValue(r.Id, out var o) ? o : null);
                retention.Add(kept);
                prospects!.Add(new Prospect(index, uplift, Math.Clamp(pControl + uplift, 0, 1), pControl,
                    economics.PurchaseValue(null, orderValue) + kept, economics.CostOn(campaign.Promotion, orderValue)));
            }
            progress?.Report(Math.Min(1, (double)(rows.Count + holdout.LeftOut) / Math.Max(1, total)));
        }

        // Contact rules leave out the customers other campaigns keep; neither cell gets them.
        var contact = pressure.Screen(campaign, rows.Ids, i => prospects?[i].ExpectedIncrementalProfit ?? 0);
        Allocation? allocation = null;
        List<int> chosen;
        if (prospects is null)
        {
            chosen = Enumerable.Range(0, rows.Count).Where(i => !rows.InRandomCell[i] && !contact.IsCapped(i)).ToList();
        }
        else
        {
            var candidates = prospects.Where(p => !rows.InRandomCell[p.Index] && !contact.IsCapped(p.Index)).ToList();
            allocation = BudgetAllocator.Allocate(candidates, new AllocationRequest(Mode(request.Selection), request.TopPercent,
                request.UpliftThreshold, (double?)request.Budget));
            chosen = allocation.Selected.ToList();
        }
        // Every eligible row has its prospect at the same index.
        return new AudiencePlan(request, modelInfo, rows.Count, allocation,
            chosen.Select(i => rows.Ids[i]).ToList(),
            chosen.Select(i => prospects is null ? 0 : prospects[i].Uplift).ToList(),
            chosen.Select(i => prospects is null ? 0 : prospects[i].ExpectedIncrementalProfit).ToList(),
            Enumerable.Range(0, rows.Count).Where(i => rows.InRandomCell[i] && !contact.IsCapped(i)).Select(i => rows.Ids[i]).ToList(),
            rows.Profile(chosen), DateTime.UtcNow - started, scoring.Elapsed, contact)
        {
            RetentionProfit = prospects is null ? 0 : chosen.Sum(i => prospects[i].Uplift * retention[i]),
            WithPredictions = outlooks.Count,
            HeldOut = holdout.LeftOut,
        };
    }

    /// <summary>Stores the plan as the campaign's audience, replacing any earlier one, in one transaction.</summary>
    public async Task<Result<Audience>> SaveAsync(AudiencePlan plan, string user, CancellationToken ct = default)
    {
        var allowed = await AudienceReplacement.CampaignAsync(db, plan.Request.CampaignId, ct);
        if (allowed.Value is not { } campaign) return Result<Audience>.Failed(allowed);
        var a = plan.Allocation;
        var audience = new Audience
        {
            CampaignId = campaign.Id,
            RulesJson = JsonSerializer.Serialize(plan.Request.Rules),
            Selection = plan.Request.Selection,
            TopPercent = plan.Request.TopPercent,
            UpliftThreshold = plan.Request.UpliftThreshold,
            Budget = plan.Request.Budget,
            RandomCellShare = plan.Request.RandomCellShare,
            WeighRetention = plan.Request.WeighRetention,
            ModelVersionId = plan.Model?.Id,
            Eligible = plan.Eligible,
            Targeted = plan.Targeted.Count,
            RandomCell = plan.RandomCell.Count,
            PutOff = a?.PutOff ?? 0,
            ContactCapped = plan.Contact.LeftOut,
            ExpectedConversions = a?.IncrementalConversions ?? 0,
            ExpectedConversionsLow = a?.IncrementalConversionsLow ?? 0,
            ExpectedConversionsHigh = a?.IncrementalConversionsHigh ?? 0,
            ExpectedProfit = a?.Profit ?? 0,
            ExpectedProfitLow = a?.ProfitLow ?? 0,
            ExpectedProfitHigh = a?.ProfitHigh ?? 0,
            ExpectedCost = a?.ExpectedCost ?? 0,
            CurveJson = JsonSerializer.Serialize(a?.Curve ?? []),
            CreatedBy = user,
        };
        await AudienceReplacement.ReplaceAsync(db, audience, Members(audience.Id, plan), user,
            $"{campaign.Name}: {plan.Targeted.Count:N0} targeted, {plan.RandomCell.Count:N0} random, {plan.Request.Rules.Describe()}, {plan.Request.Selection}", ct);
        return Result<Audience>.Done(audience, $"Saved: {Display.Count(audience.Targeted)} customers will get the promotion.");
    }

    private static IEnumerable<AudienceMember> Members(Guid audienceId, AudiencePlan plan)
    {
        for (var i = 0; i < plan.Targeted.Count; i++)
            yield return new AudienceMember
            {
                AudienceId = audienceId,
                CustomerId = plan.Targeted[i],
                Cell = AudienceCell.Targeted,
                Rank = i + 1,
                PredictedUplift = plan.TargetedUplift[i],
                ExpectedProfit = plan.TargetedProfit[i]
            };
        for (var i = 0; i < plan.RandomCell.Count; i++)
            yield return new AudienceMember { AudienceId = audienceId, CustomerId = plan.RandomCell[i], Cell = AudienceCell.Random, Rank = plan.Targeted.Count + i + 1 };
    }

    private static SelectionMode Mode(AudienceSelection s) => s switch
    {
        AudienceSelection.TopPercent => SelectionMode.TopPercent,
        AudienceSelection.UpliftAbove => SelectionMode.UpliftAbove,
        AudienceSelection.Budget => SelectionMode.Budget,
        _ => SelectionMode.All,
    };

    private static UpliftPredictions Score(UpliftModel model, AttributeSchema attributes, IReadOnlyList<CustomerRow> batch, Promotion promotion) =>
        model.Predict(CustomerRow.Dataset(batch, promotion, attributes, model.Arms));
}
