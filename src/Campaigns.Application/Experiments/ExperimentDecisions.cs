using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>Records a Manager's ship / stop / extend decision with its reason, in the audit log too.</summary>
public sealed class ExperimentDecisions(IDbContextFactory<CampaignsDbContext> dbFactory, ExperimentRollup rollup)
{
    public const string NoDataMessage = "No customer has been exposed yet: there are no results to decide on.";

    public async Task<Result> DecideAsync(Guid experimentId, ExperimentDecision decision, string? comment, string manager, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == experimentId, ct);
        if (experiment is null) return Result.NotFound("The experiment no longer exists.");
        await rollup.CatchUpBeforeReadAsync(ct);
        if (!await db.ExperimentCells.AnyAsync(c => c.ExperimentId == experimentId && c.Units > 0, ct)) return Result.Refused(NoDataMessage);
        try
        {
            experiment.Decide(decision, manager, comment);
        }
        catch (DomainException ex)
        {
            return Result.Invalid(nameof(comment), ex.Message);
        }
        db.Audit(manager, "experiment.decide", nameof(Experiment), experimentId, $"{decision}{(string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment.Trim())}");
        await db.SaveChangesAsync(ct);
        return Result.Done($"Decision recorded: {decision.ToWords()}.");
    }
}
