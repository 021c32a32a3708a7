using System.Text.Json;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Mapping;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports;

/// <summary>Named mappings stored in the database, so a store's monthly export is mapped once.</summary>
public static class ImportMappings
{
    public static async Task<(ColumnMapping Mapping, string Culture)> LoadAsync(CampaignsDbContext db, string name, ImportKind kind, CancellationToken ct = default)
    {
        var stored = await db.ImportMappings.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct)
            ?? throw new ImportException($"No saved mapping named '{Excerpt.Of(name)}'.");
        if (stored.Kind != kind)
            throw new ImportException($"Mapping '{name}' is for {stored.Kind.ToString().ToLowerInvariant()} imports, not {kind.ToString().ToLowerInvariant()}.");
        return (JsonSerializer.Deserialize<ColumnMapping>(stored.ColumnsJson, ImportEngine.Json)!, stored.Culture);
    }

    public static Task<List<string>> NamesAsync(CampaignsDbContext db, ImportKind kind, CancellationToken ct = default) =>
        db.ImportMappings.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Name).Select(m => m.Name).ToListAsync(ct);

    /// <summary>Creates or replaces the mapping of this name.</summary>
    public static async Task SaveAsync(CampaignsDbContext db, string name, ImportKind kind, ColumnMapping mapping, string culture, string user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) throw new ImportException("A mapping's name must be 1 to 100 characters.");
        var stored = await db.ImportMappings.FirstOrDefaultAsync(m => m.Name == name.Trim(), ct);
        if (stored is null) db.ImportMappings.Add(stored = new ImportMapping { Name = name.Trim(), UpdatedBy = user });
        stored.Kind = kind;
        stored.ColumnsJson = JsonSerializer.Serialize(mapping, ImportEngine.Json);
        stored.Culture = culture;
        stored.UpdatedBy = user;
        stored.UpdatedAt = DateTime.UtcNow;
        db.Audit(user, "import.mapping.save", nameof(ImportMapping), stored.Id, $"{stored.Name} ({kind})");
        await db.SaveChangesAsync(ct);
    }
}
