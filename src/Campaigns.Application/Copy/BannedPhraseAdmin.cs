using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>The Admins' list of words and phrases no copy may use: generated candidates with one are dropped, written or edited copy is refused.</summary>
public sealed class BannedPhraseAdmin(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public async Task<IReadOnlyList<BannedPhrase>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BannedPhrases.AsNoTracking().OrderBy(p => p.Phrase).ToListAsync(ct);
    }

    /// <summary>Adds a phrase; refused when it is empty, too long or already listed.</summary>
    public async Task<Result> AddAsync(string? phrase, string user, CancellationToken ct = default)
    {
        var text = string.Join(' ', (phrase ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) return Result.Invalid("phrase", "Type a word or phrase to ban.");
        if (text.Length > 100) return Result.Invalid("phrase", "Keep a banned phrase to 100 characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lower = text.ToLowerInvariant();
        if (await db.BannedPhrases.AnyAsync(p => p.Phrase.ToLower() == lower, ct)) return Result.Refused($"'{text}' is already banned.");
        db.BannedPhrases.Add(new BannedPhrase { Phrase = text, AddedBy = user });
        db.Audit(user, "copy.ban", nameof(BannedPhrase), null, text);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another Admin banned it at the same moment (the unique index); any other failure is not that.
            return Result.Refused($"'{text}' is already banned.");
        }
        return Result.Done();
    }

    public async Task RemoveAsync(Guid id, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.BannedPhrases.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } phrase) return;
        db.BannedPhrases.Remove(phrase);
        db.Audit(user, "copy.unban", nameof(BannedPhrase), id, phrase.Phrase);
        await db.SaveChangesAsync(ct);
    }
}
