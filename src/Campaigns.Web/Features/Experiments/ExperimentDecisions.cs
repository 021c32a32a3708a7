using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Experiments;

/// <summary>Records a Manager's ship / stop / extend decision with its reason, in the audit log too.</summary>
public sealed class ExperimentDecisions(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public async Task<string?> DecideAsync(Guid experimentId, ExperimentDecision decision, string? comment, string manager, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == experimentId, ct);
        if (experiment is null) return "The experiment no longer exists.";
        try
        {
            experiment.Decide(decision, manager, comment);
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        db.Audit(manager, "experiment.decide", nameof(Experiment), experimentId, $"{decision}{(string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment.Trim())}");
        await db.SaveChangesAsync(ct);
        return null;
    }
}
