using System.Diagnostics;
using System.Text.Json;
using Campaigns.Analytics.Offers;
using Campaigns.Application.Audiences;
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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Offers;

/// <summary>
/// Plans which of a campaign's offers each eligible customer gets: streams the customers, prices every offer on each of
/// them with the current offer model (chance to buy with it and without, expected basket, what it gives away), and lets
/// <see cref="OfferPlanner"/> choose within the budget. The global holdout and the contact rules leave customers out as they
/// do for the audience builder, by the same code (<see cref="GlobalHoldout"/>, <see cref="ContactPressure"/>). Saving
/// stores the plan as the campaign's audience: every planned customer, with the offer the plan gives them (or none), so
/// the launch's policy test can draw all its cells from it.
/// </summary>
public sealed class OfferPlanService(CampaignsDbContext db, ModelStore models, MoneyFormat money, IOptions<TargetingOptions> options, TimeProvider time)
{
    private readonly TargetingOptions _options = options.Value;

    /// <summary>What the plan starts from; null without the campaign.</summary>
    public async Task<OfferPlanSetup?> SetupAsync(Guid campaignId, CancellationToken ct = default)
    {
        if (await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct) is not { } campaign) return null;
        var current = await models.CurrentAsync(ModelKind.OfferTargeting, ct);
        var metrics = current is null ? null
            : OfferModelMetrics.FromJson(await db.ModelVersions.Where(v => v.Id == current.Id).Select(v => v.MetricsJson).SingleAsync(ct));
        return new OfferPlanSetup(campaign, OffersOf(campaign), current,
            await RuleChoices.ReadAsync(db, ct), current is null ? await WhyNoModelAsync(ct) : null,
            metrics?.Evaluation.PlanOverNothing.Dr)
        { RetentionCredit = _options.RetentionCredit, HeldOutProjected = metrics?.Evaluation.Projected };
    }

    /// <summary>Why no offer model serves: none trained yet, or the latest one's plan did not beat sending nothing on held-out customers.</summary>
    private async Task<string> WhyNoModelAsync(CancellationToken ct)
    {
        var latest = await db.ModelVersions.AsNoTracking().Where(v => v.Kind == ModelKind.OfferTargeting).OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.Status, v.MainMetric }).FirstOrDefaultAsync(ct);
        return latest is null
            ? "No offer model has been trained yet: an Admin can train one on the Models page."
            : $"Offer model v{latest.Version} is {(latest.Status == ModelStatus.Candidate ? "a candidate" : latest.Status.ToString().ToLowerInvariant())}, not current" +
              (latest.MainMetric is <= 0 ? ": on customers it did not learn from, its plan earned no more than sending nothing" : "") +
              ". An Admin can review it, or train another, on the Models page.";
    }

    public async Task<Result<OfferPlanResult>> PlanAsync(OfferPlanRequest request, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var errors = request.Validate();
        if (errors.Count > 0) return Result<OfferPlanResult>.Refused(string.Join(" ", errors));
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CampaignId, ct);
        if (campaign is null) return Result<OfferPlanResult>.NotFound("The campaign no longer exists.");
        var offers = OffersOf(campaign);
        if (offers.Count < 2) return Result<OfferPlanResult>.Refused("The campaign has one offer: add the offers to choose between on the campaign first.");
        if (await models.CurrentAsync(ModelKind.OfferTargeting, ct) is not { } modelInfo)
            return Result<OfferPlanResult>.Refused(await WhyNoModelAsync(ct));
        var model = await models.LoadOfferModelAsync(modelInfo.Id, ct);
        var attributes = AttributeSchema.Of(model.Metadata);
        var economics = await StoreEconomics.ReadAsync(db, _options, ct);
        var pressure = await ContactPressure.ReadAsync(db, campaign, ct);

        var now = time.GetUtcNow().UtcDateTime;
        var eligible = db.Customers.AsNoTracking().Eligible(request.Rules, campaign.Promotion, now);
        var total = await eligible.CountAsync(ct);
        var outlooks = request.WeighRetention ? await RetentionOutlook.ReadAsync(eligible, ct) : [];
        var retention = new List<double>(total);
        var ids = new List<Guid>(total);
        var priced = new List<OfferOption>(total * offers.Count);
        var habits = new List<byte>(total);
        var holdout = await GlobalHoldout.AtAsync(db, now, ct);
        await ScoringPipeline.RunAsync(CustomerRow.AsOf(db, eligible, now).AsAsyncEnumerable(), _options.ScoringBatch, Absorb, ct);

        void Absorb(List<CustomerRow> batch)
        {
            var rows = holdout.LeaveOut(batch, r => r.Id);
            var kept = rows.Select(r => economics.RetentionValue(outlooks.TryGetValue(r.Id, out var o) ? o : null)).ToList();
            priced.AddRange(OfferPricing.PriceAll(model, attributes, rows, offers, economics, kept));
            retention.AddRange(kept);
            ids.AddRange(rows.Select(r => r.Id));
            habits.AddRange(rows.Select(r => OfferSegment.HabitOf(r.Snapshot)));
            progress?.Report(Math.Min(1, (double)(ids.Count + holdout.LeftOut) / Math.Max(1, total)));
        }

        // Contact rules weigh what this campaign can earn from a customer: its most profitable offer's (none pays: 0).
        var contact = pressure.Screen(campaign, ids, i => Enumerable.Range(0, offers.Count).Max(o => Math.Max(0, priced[i * offers.Count + o].Profit)));
        if (contact.LeftOut > 0)
        {
            var open = Enumerable.Range(0, ids.Count).Where(i => !contact.IsCapped(i)).ToList();
            priced = open.SelectMany(i => priced.GetRange(i * offers.Count, offers.Count)).ToList();
            (ids, retention, habits) = (open.Select(i => ids[i]).ToList(), open.Select(i => retention[i]).ToList(), open.Select(i => habits[i]).ToList());
        }

        var budget = (double?)request.Budget;
        var plan = OfferPlanner.Plan(priced, offers.Count, budget);
        var perOffer = offers.Select(o => OfferPlanner.Value(priced, offers.Count,
            plan.Choice.Select(c => c == o.Position ? c : OfferPlanner.None).ToArray())).ToList();
        var everyone = offers.Select(o => OfferPlanner.Everyone(priced, offers.Count, o.Position)).ToList();
        var single = offers.Select(o => OfferPlanner.Plan(priced, offers.Count, budget, new HashSet<int> { o.Position }).Value).ToList();
        var chosen = plan.Choice.Select((c, i) => c == OfferPlanner.None ? 0 : priced[i * offers.Count + c].Profit).ToList();
        return Result<OfferPlanResult>.Done(new OfferPlanResult(request, modelInfo, offers, plan, perOffer, everyone, single, ids, chosen, clock.Elapsed)
        {
            Segments = OfferSegment.ByHabit(priced, offers.Count, plan, habits),
            RetentionProfit = plan.Choice.Select((c, i) => c == OfferPlanner.None ? 0
                : (priced[i * offers.Count + c].PBuy - priced[i * offers.Count + c].PNone) * retention[i]).Sum(),
            WithPredictions = outlooks.Count,
            TakeUp = offers.Select(o => economics.TakeUp(o.Terms)).ToList(),
            HeldOut = holdout.LeftOut,
            ContactCapped = contact.LeftOut,
            ContactTaken = contact.Taken,
        });
    }

    /// <summary>Why the model prices each offer as it does for one customer (by external id), or null when there is no such customer.</summary>
    public async Task<Result<CustomerOffers>> ExplainAsync(Guid campaignId, string customerKey, CancellationToken ct = default)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return Result<CustomerOffers>.NotFound("The campaign no longer exists.");
        if (await models.CurrentAsync(ModelKind.OfferTargeting, ct) is not { } modelInfo)
            return Result<CustomerOffers>.Refused("No offer model is current yet.");
        var key = customerKey.Trim();
        var row = await CustomerRow.AsOf(db, db.Customers.AsNoTracking().Where(c => c.ExternalId == key), time.GetUtcNow().UtcDateTime).FirstOrDefaultAsync(ct);
        if (row is null) return Result<CustomerOffers>.NotFound($"No customer has id '{key}'.");
        var model = await models.LoadOfferModelAsync(modelInfo.Id, ct);
        var attributes = AttributeSchema.Of(model.Metadata);
        var economics = await StoreEconomics.ReadAsync(db, _options, ct);
        var estimates = OffersOf(campaign).Select(offer =>
        {
            var data = CustomerRow.Dataset([row], offer.Terms, attributes, model.Arms);
            var option = OfferPricing.Price(model.Predict(data), 0, offer.Terms, economics);
            // The offer's own terms are features too, but "why this customer" is about the customer's.
            var drivers = model.Explain(data, 0, (_, arm, basket) => economics.PurchaseValue(arm == 0 ? null : offer.Terms, basket), top: 12)
                .Single(e => e.Arm == 1).Drivers.Where(d => !TargetingFeatures.DescribesOffer(d.Feature)).Take(5).ToList();
            return new CustomerOfferEstimate(offer, option, drivers);
        }).ToList();
        return Result<CustomerOffers>.Done(new CustomerOffers(key, estimates));
    }

    /// <summary>Stores the plan as the campaign's audience, replacing any earlier one, in one transaction.</summary>
    public async Task<Result<Audience>> SaveAsync(OfferPlanResult result, string user, CancellationToken ct = default)
    {
        var allowed = await AudienceReplacement.CampaignAsync(db, result.Request.CampaignId, ct);
        if (allowed.Value is not { } campaign) return Result<Audience>.Failed(allowed);
        var plan = result.Plan;
        var audience = new Audience
        {
            CampaignId = campaign.Id,
            RulesJson = JsonSerializer.Serialize(result.Request.Rules),
            Selection = AudienceSelection.OfferPlan,
            Budget = result.Request.Budget,
            WeighRetention = result.Request.WeighRetention,
            ModelVersionId = result.Model.Id,
            // As the audience builder counts them: the capped customers are eligible ones left out.
            Eligible = result.Eligible + result.ContactCapped,
            Targeted = plan.Value.Customers,
            ContactCapped = result.ContactCapped,
            ExpectedProfit = plan.Value.Profit,
            ExpectedProfitLow = plan.Value.Low,
            ExpectedProfitHigh = plan.Value.High,
            ExpectedCost = plan.Value.Spend,
            CurveJson = JsonSerializer.Serialize(plan.Curve),
            CreatedBy = user,
        };
        var mix = string.Join(", ", result.Offers.Select(o => $"{o.Name} {Display.Count(plan.CustomersPerOffer[o.Position])}"));
        await AudienceReplacement.ReplaceAsync(db, audience, Members(audience.Id, result), user,
            $"{campaign.Name}: offer plan for {Display.Count(result.Eligible)} eligible ({mix}), {result.Request.Rules.Describe()}"
            + (result.ContactCapped > 0 ? $", {Display.Count(result.ContactCapped)} left out by contact rules" : "")
            + (result.HeldOut > 0 ? $", {Display.Count(result.HeldOut)} in the global holdout left out" : ""), ct);
        return Result<Audience>.Done(audience,
            $"Saved: {Display.Count(plan.Value.Customers)} of {Display.Count(result.Eligible)} customers get an offer; expected incremental profit {money.Format(plan.Value.Profit)}.");
    }

    /// <summary>Every planned customer, most profitable first; those the plan gives nothing come last, with no offer.</summary>
    private static IEnumerable<AudienceMember> Members(Guid audienceId, OfferPlanResult result)
    {
        var order = Enumerable.Range(0, result.Eligible).OrderByDescending(i => result.Plan.Choice[i] != OfferPlanner.None)
            .ThenByDescending(i => result.ChosenProfit[i]).ThenBy(i => i);
        var rank = 0;
        foreach (var i in order)
            yield return new AudienceMember
            {
                AudienceId = audienceId,
                CustomerId = result.CustomerIds[i],
                Cell = AudienceCell.Targeted,
                Rank = ++rank,
                ExpectedProfit = result.ChosenProfit[i],
                OfferPosition = result.Plan.Choice[i] == OfferPlanner.None ? null : result.Plan.Choice[i],
            };
    }

    /// <summary>The campaign's offers by position, named by their terms.</summary>
    public IReadOnlyList<CandidateOffer> OffersOf(Campaign campaign) =>
        campaign.Offers.Select((o, i) => new CandidateOffer(i, o.Describe(money.Format), o)).ToList();
}
