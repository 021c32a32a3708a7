using Campaigns.Analytics.Customers;
using Campaigns.Analytics.Monitoring;
using Campaigns.Application.Audiences;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>
/// A customer feature's distribution in the training window: quantile bin edges and shares for a numeric feature
/// (last bin: missing), level shares for a categorical one (last: levels not seen in training).
/// </summary>
public sealed record FeatureProfile(string Feature, double[]? Edges, string[]? Levels, double[] Shares);

public sealed record FeatureDriftResult(string Feature, double Psi);

/// <summary>
/// Profiles the training rows' customer features (the built-in ones and the custom attributes, or the customer models'
/// behaviour features), and compares today's customers with them (population stability index).
/// </summary>
public static class FeatureDrift
{
    public static IReadOnlyList<FeatureProfile> Profile(UpliftDataset data)
    {
        var profiles = new List<FeatureProfile>();
        foreach (var f in CustomerColumns(data.NumericFeatures, TargetingFeatures.Numeric.Count, TargetingFeatures.CustomerNumeric))
        {
            var values = Enumerable.Range(0, data.Count).Select(i => (double)data.NumericAt(i, f)).ToArray();
            var edges = PopulationStability.Edges(values);
            profiles.Add(new FeatureProfile(data.NumericFeatures[f], edges, null, PopulationStability.Shares(PopulationStability.Counts(values, edges))));
        }
        foreach (var f in CustomerColumns(data.CategoricalFeatures, TargetingFeatures.Categorical.Count, TargetingFeatures.CustomerCategorical))
        {
            var counts = Enumerable.Range(0, data.Count).GroupBy(i => data.CategoricalAt(i, f) ?? "").ToDictionary(g => g.Key, g => (long)g.Count());
            var levels = counts.Keys.Order(StringComparer.Ordinal).ToArray();
            profiles.Add(new FeatureProfile(data.CategoricalFeatures[f], null, levels,
                PopulationStability.Shares([.. levels.Select(l => counts[l]), 0L])));
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
    private static IEnumerable<int> CustomerColumns(IReadOnlyList<string> columns, int builtIn, int customer) =>
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
