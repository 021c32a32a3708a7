using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Customers;
using Campaigns.Application.Programme;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Integration;

/// <summary>
/// Puts a customer in an arm of a live campaign's experiment: deterministic (salted hash), sticky (the first
/// assignment is stored and returned ever after), and only for eligible customers (opted in, in the saved audience, not in
/// the global holdout).
/// </summary>
public sealed class AssignmentService(IDbContextFactory<CampaignsDbContext> dbFactory, MoneyFormat money, BestSellerCache bestSellers)
{
    /// <summary>
    /// The field of the refusal of a customer who may not be in the campaign (opted out, outside its audience, in the global holdout): a request
    /// well formed but not to be served, which the API answers 422 rather than 400.
    /// </summary>
    public const string Eligibility = "eligibility";

    /// <summary>The field of the refusal of a customer a contact rule caps (422 too, naming the rule).</summary>
    public const string ContactRule = ContactGate.Field;

    public async Task<Result<AssignmentResponse>> AssignAsync(AssignmentRequest request, CancellationToken ct)
    {
        var errors = new List<string>();
        if (request.CampaignId is null) errors.Add("campaignId: required (the campaign's id, a GUID)");
        var customerKey = ExternalIds.Check("customerId", request.CustomerId, errors);
        if (request.CampaignId is not { } campaignId || customerKey is null)
            return Result<AssignmentResponse>.Invalid([.. errors.Select(e => new FieldError(e[..e.IndexOf(':')], e))], string.Join("; ", errors) + ".");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return Result<AssignmentResponse>.NotFound($"No campaign has id {campaignId}.");
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstOrDefaultAsync(e => e.CampaignId == campaignId, ct);
        if (campaign.Status != CampaignStatus.Live || experiment is not { Status: ExperimentStatus.Running })
            return Result<AssignmentResponse>.Refused($"Campaign '{campaign.Name}' is {CampaignStatusText(campaign.Status)}; customers are assigned only while it is live.");
        var customer = await db.Customers.AsNoTracking().Where(c => c.ExternalId == customerKey)
            .Select(c => new
            {
                c.Id, c.EmailOptIn,
                Insight = c.Score == null ? null : new CustomerInsight(c.Score.ChurnRisk, c.Score.PurchaseProbability, c.Score.PredictedValue, c.Score.Persona, c.Score.ScoredAt, null),
                Top = c.Score == null ? null : new[] { c.Score.TopCategory1Id, c.Score.TopCategory2Id, c.Score.TopCategory3Id },
                Products = c.Score == null ? null : c.Score.TopProductIds,
            }).SingleOrDefaultAsync(ct);
        if (customer is null) return Result<AssignmentResponse>.NotFound($"No customer has id '{customerKey}'. Import the customer first.");
        if (await GlobalHoldout.RefusalAsync(db, customer.Id, customerKey, ct) is { } heldOut) return Result<AssignmentResponse>.Invalid(Eligibility, heldOut);
        if (campaign.Promotion.Channel == Channel.Email && !customer.EmailOptIn)
            return Result<AssignmentResponse>.Invalid(Eligibility, $"Customer '{customerKey}' has opted out of email, and this campaign is sent by email.");

        var isNew = false;
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.ExperimentId == experiment.Id && a.CustomerId == customer.Id, ct);
        if (assignment is null)
        {
            // A campaign with a saved audience reaches only its members; the holdout is drawn from them too.
            var audienceId = await db.Audiences.Where(a => a.CampaignId == campaignId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            if (audienceId is { } members && !await db.AudienceMembers.AnyAsync(m => m.AudienceId == members && m.CustomerId == customer.Id, ct))
                return Result<AssignmentResponse>.Invalid(Eligibility, $"Customer '{customerKey}' is not in the audience of campaign '{campaign.Name}'.");
            var arm = experiment.PickArm(customerKey);
            assignment = new Assignment { ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = customer.Id, AssignedAt = DateTime.UtcNow };
            try
            {
                if (await ContactGate.AssignAsync(db, campaign, assignment, !arm.IsControl, ct) is { } cap)
                    return Result<AssignmentResponse>.Invalid(ContactGate.Field, $"Customer '{customerKey}' is {cap.Describe()}.");
                isNew = true;
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                // Another request assigned the same customer first; the unique index kept one row: return it. Any other
                // failure (the database busy: a 503) is not a race and is not answered as one.
                db.ChangeTracker.Clear();
                assignment = await db.Assignments.AsNoTracking().SingleAsync(a => a.ExperimentId == experiment.Id && a.CustomerId == customer.Id, ct);
            }
        }
        // Only an assigned customer is worth these look-ups. What the sender merges into "[Recommended product]", as the
        // export gives it: the customer's first top product, else (not scored yet) the store's best seller, so a
        // personalized line never goes out blank.
        var ownProduct = RecommendedProduct.FirstOf(customer.Products);
        var recommended = (ownProduct ?? await bestSellers.GetAsync(db, ct)) is { } r
            ? await db.Products.AsNoTracking().Where(x => x.Id == r).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var scored = customer.Insight;
        if (scored is not null && customer.Top is { } top)
        {
            var ids = top.Where(id => id is not null).Select(id => id!.Value).ToList();
            var names = await db.Categories.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
            scored = scored with { TopCategories = CategoryNames.Of(names, top), RecommendedProduct = ownProduct is null ? null : recommended };
        }
        var chosen = experiment.Arms.Single(a => a.Id == assignment.ArmId);
        var offer = await OfferOfAsync(db, campaign, chosen, customer.Id, ct);
        AssignedCopy? copy = null;
        if (!chosen.IsControl && chosen.CopyVariantId is { } copyId)
            copy = await db.CopyVariants.AsNoTracking().Where(c => c.Id == copyId).Select(c => new AssignedCopy(c.Id, c.Headline, c.Body)).SingleOrDefaultAsync(ct);
        // Stored in UTC, read back from SQLite without a kind: always answered with its zone (…Z), first call or not. And to
        // the microsecond, the finest time PostgreSQL keeps, so the first answer and every repeat read the same.
        var assignedAt = new DateTime(assignment.AssignedAt.Ticks - assignment.AssignedAt.Ticks % 10, DateTimeKind.Utc);
        return new AssignmentResponse(campaignId, customerKey, new AssignedArm(chosen.Id, chosen.Name, chosen.IsControl), offer?.CouponCode, copy, assignedAt, isNew,
            offer is null ? null : AssignedOffer.Of(offer, money.Format),
            scored is { } insight ? insight with { ScoredAt = DateTime.SpecifyKind(insight.ScoredAt, DateTimeKind.Utc) } : null, recommended);
    }

    /// <summary>
    /// The offer the arm gives the customer: none in the holdout; in the model's choice, the one the saved audience's
    /// plan names for them (none when it names none, or the position is no longer one of the campaign's offers).
    /// </summary>
    private static async Task<Promotion?> OfferOfAsync(CampaignsDbContext db, Campaign campaign, Arm arm, Guid customerId, CancellationToken ct)
    {
        if (arm.IsControl) return null;
        if (!arm.IsModelChoice) return arm.Offer(campaign.Promotion);
        var position = await db.Audiences.Where(a => a.CampaignId == campaign.Id)
            .Join(db.AudienceMembers, a => a.Id, m => m.AudienceId, (_, m) => m)
            .Where(m => m.CustomerId == customerId).Select(m => m.OfferPosition).FirstOrDefaultAsync(ct);
        return campaign.OfferAt(position);
    }

    private static string CampaignStatusText(CampaignStatus s) => s == CampaignStatus.PendingApproval ? "waiting for approval" : s.ToString().ToLowerInvariant();
}
