using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Audiences;

/// <summary>What the eligibility rules offer to pick from: the regions customers live in and the personas of the latest scoring.</summary>
public sealed record RuleChoices(IReadOnlyList<string> Regions, IReadOnlyList<string> Personas)
{
    public static readonly RuleChoices None = new([], []);

    internal static async Task<RuleChoices> ReadAsync(CampaignsDbContext db, CancellationToken ct) => new(
        await db.Customers.Select(c => c.Region).Distinct().OrderBy(r => r).ToListAsync(ct),
        await db.CustomerScores.Select(s => s.Persona).Distinct().OrderBy(p => p).ToListAsync(ct));
}
