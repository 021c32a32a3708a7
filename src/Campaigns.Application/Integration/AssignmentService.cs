using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Integration;

/// <summary>
/// Puts a customer in an arm of a live campaign's experiment: deterministic (salted hash), sticky (the first
/// assignment is stored and returned ever after), and only for eligible customers (opted in, in the saved audience).
/// </summary>
public sealed class AssignmentService(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>
    /// The field of the refusal of a customer who may not be in the campaign (opted out, outside its audience): a request
    /// well formed but not to be served, which the API answers 422 rather than 400.
    /// </summary>
    public const string Eligibility = "eligibility";

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
            .Select(c => new { c.Id, c.EmailOptIn }).SingleOrDefaultAsync(ct);
        if (customer is null) return Result<AssignmentResponse>.NotFound($"No customer has id '{customerKey}'. Import the customer first.");
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
            db.Assignments.Add(assignment);
            try
            {
                await db.SaveChangesAsync(ct);
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
        var chosen = experiment.Arms.Single(a => a.Id == assignment.ArmId);
        var coupon = chosen.IsControl ? null : chosen.Offer(campaign.Promotion).CouponCode;
        AssignedCopy? copy = null;
        if (!chosen.IsControl && chosen.CopyVariantId is { } copyId)
            copy = await db.CopyVariants.AsNoTracking().Where(c => c.Id == copyId).Select(c => new AssignedCopy(c.Id, c.Headline, c.Body)).SingleOrDefaultAsync(ct);
        // Stored in UTC, read back from SQLite without a kind: always answered with its zone (…Z), first call or not.
        var assignedAt = DateTime.SpecifyKind(assignment.AssignedAt, DateTimeKind.Utc);
        return new AssignmentResponse(campaignId, customerKey, new AssignedArm(chosen.Id, chosen.Name, chosen.IsControl), coupon, copy, assignedAt, isNew);
    }

    private static string CampaignStatusText(CampaignStatus s) => s == CampaignStatus.PendingApproval ? "waiting for approval" : s.ToString().ToLowerInvariant();
}
