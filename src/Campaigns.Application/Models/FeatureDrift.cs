using Campaigns.Analytics.Customers;
using Campaigns.Analytics.Monitoring;
using Campaigns.Application.Audiences;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>
/// A customer feature's distribution in the training window: quantile bin edges and shares for a numeric feature
/// (last bin: missing), level shares for a categorical one (last: levels not seen in training).
/// </summary>
public sealed record FeatureProfile(string Feature, double[]? Edges, string[]? Levels, double[] Shares);

public sealed record FeatureDriftResult(string Feature, double Psi);

/// <summary>
/// Profiles customers' features when a version is trained (the targeting features with the custom attributes, or the
/// customer models' behaviour features), and compares today's customers with them (population stability index).
/// </summary>
public static class FeatureDrift
{
    /// <summary>
    /// Profiles today's customers as scoring describes them (the built-in customer features and the custom attributes):
    /// drift is measured from the customers a version was trained among, so it starts at none and an alert means they
    /// changed since. The training rows are no reference: they describe customers at past campaigns' starts, and counts
    /// that only grow (past campaigns, orders) differ from today's on the day of training, which no retraining changes.
    /// </summary>
    public static async Task<IReadOnlyList<FeatureProfile>> ProfileAsync(CampaignsDbContext db, AttributeSchema attributes, CancellationToken ct)
    {
        var numericNames = TargetingFeatures.NumericWith(attributes).ToList();
        var categoricalNames = TargetingFeatures.CategoricalWith(attributes).ToList();
        var numericColumns = CustomerColumns(numericNames, TargetingFeatures.Numeric.Count, TargetingFeatures.CustomerNumeric).ToArray();
        var categoricalColumns = CustomerColumns(categoricalNames, TargetingFeatures.Categorical.Count, TargetingFeatures.CustomerCategorical).ToArray();
        var values = numericColumns.Select(_ => new List<double>()).ToArray();
        var levels = categoricalColumns.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        var numeric = new float[numericNames.Count];
        var categorical = new string?[categoricalNames.Count];
        // The offer's features are not profiled, so any offer will do.
        var offer = new Promotion();
        await foreach (var row in CustomerRow.AsOf(db, db.Customers.AsNoTracking(), DateTime.UtcNow).AsAsyncEnumerable().WithCancellation(ct))
        {
            TargetingFeatures.Fill(row.Snapshot, offer, attributes, numeric, categorical);
            for (var f = 0; f < numericColumns.Length; f++) values[f].Add(numeric[numericColumns[f]]);
            for (var f = 0; f < categoricalColumns.Length; f++)
            {
                var level = categorical[categoricalColumns[f]] ?? "";
                levels[f][level] = levels[f].GetValueOrDefault(level) + 1;
            }
        }
        var profiles = new List<FeatureProfile>();
        for (var f = 0; f < numericColumns.Length; f++)
        {
            var column = values[f].ToArray();
            var edges = PopulationStability.Edges(column);
            profiles.Add(new FeatureProfile(numericNames[numericColumns[f]], edges, null, PopulationStability.Shares(PopulationStability.Counts(column, edges))));
        }
        for (var f = 0; f < categoricalColumns.Length; f++)
        {
            var names = levels[f].Keys.Order(StringComparer.Ordinal).ToArray();
            profiles.Add(new FeatureProfile(categoricalNames[categoricalColumns[f]], null, names, PopulationStability.Shares([.. names.Select(l => levels[f][l]), 0L])));
        }
        return profiles;
    }

    /// <summary>Every behaviour column of the customer models' features (the category shares included), each a numeric profile.</summary>
    public static IReadOnlyList<FeatureProfile> Profile(CustomerFeatures features) =>
        features.ColumnNames.Select((name, f) =>
        {
            var values = Column(features, f);
            var edges = PopulationStability.Edges(values);
            return new FeatureProfile(name, edges, null, PopulationStability.Shares(PopulationStability.Counts(values, edges)));
        }).ToList();

    /// <summary>Each profiled behaviour feature's PSI against <paramref name="features"/>, largest first; a column no longer computed is left out.</summary>
    public static IReadOnlyList<FeatureDriftResult> Measure(IReadOnlyList<FeatureProfile> profiles, CustomerFeatures features)
    {
        var columns = features.ColumnNames.ToList();
        return profiles.Where(p => p.Edges is not null && columns.Contains(p.Feature))
            .Select(p => new FeatureDriftResult(p.Feature,
                PopulationStability.Index(p.Shares, PopulationStability.Shares(PopulationStability.Counts(Column(features, columns.IndexOf(p.Feature)), p.Edges!)))))
            .OrderByDescending(d => d.Psi).ToList();
    }

    private static double[] Column(CustomerFeatures features, int column)
    {
        var row = new float[features.ColumnNames.Count];
        var values = new double[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            features.Row(i, row);
            values[i] = row[column];
        }
        return values;
    }

    /// <summary>The leading customer columns of the built-in features, then every attribute column (they follow the built-in ones).</summary>
    private static IEnumerable<int> CustomerColumns(IReadOnlyCollection<string> columns, int builtIn, int customer) =>
        Enumerable.Range(0, customer).Concat(Enumerable.Range(builtIn, columns.Count - builtIn));

    /// <summary>
    /// Streams every customer as of now once and returns each profiled feature's PSI, largest first. The attributes
    /// are read with the model's schema; a profiled feature the model no longer has is left out.
    /// </summary>
    public static async Task<IReadOnlyList<FeatureDriftResult>> MeasureAsync(CampaignsDbContext db, IReadOnlyList<FeatureProfile> profiles,
        AttributeSchema attributes, CancellationToken ct)
    {
        var numericNames = TargetingFeatures.NumericWith(attributes).ToList();
        var categoricalNames = TargetingFeatures.CategoricalWith(attributes).ToList();
        profiles = profiles.Where(p => p.Edges is null ? categoricalNames.Contains(p.Feature) : numericNames.Contains(p.Feature)).ToList();
        var counts = profiles.Select(p => new long[p.Shares.Length]).ToArray();
        var numeric = new float[numericNames.Count];
        var categorical = new string?[categoricalNames.Count];
        // The offer's features are not profiled, so any offer will do.
        var offer = new Promotion();
        var numericIndex = profiles.Select(p => numericNames.IndexOf(p.Feature)).ToArray();
        var categoricalIndex = profiles.Select(p => categoricalNames.IndexOf(p.Feature)).ToArray();
        await foreach (var row in CustomerRow.AsOf(db, db.Customers.AsNoTracking(), DateTime.UtcNow).AsAsyncEnumerable().WithCancellation(ct))
        {
            TargetingFeatures.Fill(row.Snapshot, offer, attributes, numeric, categorical);
            for (var p = 0; p < profiles.Count; p++)
            {
                var profile = profiles[p];
                if (profile.Edges is { } edges)
                    counts[p][PopulationStability.Bin(numeric[numericIndex[p]], edges)]++;
                else
                {
                    var level = Array.IndexOf(profile.Levels!, categorical[categoricalIndex[p]] ?? "");
                    counts[p][level < 0 ? profile.Levels!.Length : level]++;
                }
            }
        }
        return profiles.Select((p, i) => new FeatureDriftResult(p.Feature, PopulationStability.Index(p.Shares, PopulationStability.Shares(counts[i]))))
            .OrderByDescending(d => d.Psi).ToList();
    }
}
