using Campaigns.Data.Rollup;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Campaigns.Data;

/// <summary>What the shared model needs to read the same on PostgreSQL (see docs/decisions/0056).</summary>
internal static class PostgresModel
{
    /// <summary>
    /// Times are UTC everywhere, stored as timestamptz. Npgsql refuses to write a DateTime whose Kind is not Utc to
    /// timestamptz, and the app's times are not all marked: values read back from SQLite, parsed from import files or
    /// built in code are often Unspecified. They mean UTC, so they are written as UTC (a Local one is converted) and
    /// read back marked Utc; no write can fail on a Kind at run time.
    /// </summary>
    public sealed class UtcDateTime() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public static void Adapt(ModelBuilder builder)
    {
        // "Longest possible" is int.MaxValue characters on the other providers; PostgreSQL's varchar stops at about ten
        // million, and its text has no limit and costs the same.
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            if (property.GetMaxLength() == int.MaxValue) property.SetMaxLength(null);
        // A boolean is not a number on PostgreSQL.
        builder.Entity<JobRun>().Metadata.GetIndexes().Single(i => i.GetDatabaseName() == "IX_JobRuns_ActiveExclusiveKind")
            .SetFilter("\"Exclusive\" AND \"Status\" IN ('Queued', 'Running')");
        // The rollup's stamp (docs/decisions/0060): the inserting transaction's id, filled in by the server on every
        // insert path (ingestion, imports, seeding), indexed so a chunk is read as a range.
        var events = builder.Entity<ExperimentEvent>();
        events.Property<long>(RollupSql.TransactionIdColumn).HasDefaultValueSql(RollupSql.TransactionIdDefault);
        events.HasIndex(RollupSql.TransactionIdColumn);
    }
}
