using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Audiences;

/// <summary>
/// What the eligibility rules offer to pick from: the regions customers live in, the personas of the latest scoring, and
/// the catalogue's categories (for "likely to buy").
/// </summary>
public sealed record RuleChoices(IReadOnlyList<string> Regions, IReadOnlyList<string> Personas, IReadOnlyList<LikelyCategory>? Categories = null)
{
    public static readonly RuleChoices None = new([], []);

    internal static async Task<RuleChoices> ReadAsync(CampaignsDbContext db, CancellationToken ct) => new(
        await db.Customers.Select(c => c.Region).Distinct().OrderBy(r => r).ToListAsync(ct),
        await db.CustomerScores.Select(s => s.Persona).Distinct().OrderBy(p => p).ToListAsync(ct),
        await db.Categories.OrderBy(c => c.Name).Select(c => new LikelyCategory(c.Id, c.Name)).ToListAsync(ct));
}
