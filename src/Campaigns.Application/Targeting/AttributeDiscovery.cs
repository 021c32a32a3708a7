using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;

namespace Campaigns.Application.Targeting;

/// <summary>Which imported custom attributes become model features, and how.</summary>
public sealed class AttributeFeatureOptions
{
    /// <summary>An attribute must be present on at least this share of the training rows.</summary>
    [Range(0.0, 1.0)] public double MinCoverage { get; set; } = 0.05;
    /// <summary>An attribute is numeric when at least this share of its values parse as invariant-culture numbers.</summary>
    [Range(0.5, 1.0)] public double NumericShare { get; set; } = 0.98;
    /// <summary>At most this many attributes, the best covered first.</summary>
    [Range(0, 200)] public int MaxAttributes { get; set; } = 20;
    /// <summary>A categorical attribute keeps at most this many levels, the most frequent first; the rest are "(other)".</summary>
    [Range(1, 30)] public int MaxLevels { get; set; } = 10;
    /// <summary>A level is kept only if at least this share of the attribute's values have it.</summary>
    [Range(0.0, 0.5)] public double MinLevelShare { get; set; } = 0.01;
}

/// <summary>
/// Finds the custom attributes worth learning from in the training rows' customers, seen one at a time: those
/// present on enough rows, numeric if nearly every value is a number, otherwise categorical with their frequent
/// levels. An attribute whose frequent levels cover under half its values (an identifier, a free-text note) or that
/// has one value on every row says nothing about a customer and is left out.
/// </summary>
public sealed class AttributeDiscovery(AttributeFeatureOptions? options = null)
{
    /// <summary>Memory bounds for odd data: attribute names and distinct values per attribute tallied.</summary>
    private const int MaxTrackedAttributes = 1000, MaxTrackedValues = 10_000;

    private readonly AttributeFeatureOptions _options = options ?? new AttributeFeatureOptions();
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public long Rows { get; private set; }

    /// <summary>Counts one training row's customer attributes (<c>Customer.CustomAttributesJson</c>, null when none).</summary>
    public void Observe(string? attributesJson)
    {
        Rows++;
        if (string.IsNullOrEmpty(attributesJson)) return;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(attributesJson));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (!AttributeJson.IsScalar(reader.TokenType) || AttributeJson.IsEmpty(ref reader))
                {
                    reader.Skip();
                    continue;
                }
                if (!_tallies.TryGetValue(name, out var tally))
                {
                    if (_tallies.Count >= MaxTrackedAttributes) continue;
                    _tallies[name] = tally = new Tally();
                }
                tally.Add(AttributeJson.Text(ref reader), AttributeJson.TryNumber(ref reader, out _));
            }
        }
        catch (JsonException)
        {
            // A hand-edited row that is not a JSON object: it contributes whatever was read before the error.
        }
    }

    public AttributeSchema Build()
    {
        if (Rows == 0 || _options.MaxAttributes == 0) return AttributeSchema.None;
        var chosen = new List<AttributeFeature>();
        foreach (var (name, tally) in _tallies.Where(t => t.Value.Present >= _options.MinCoverage * Rows)
                     .OrderByDescending(t => t.Value.Present).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            if (chosen.Count == _options.MaxAttributes) break;
            var coverage = (double)tally.Present / Rows;
            var constant = tally.Present == Rows && tally.Values.Count == 1 && tally.Untracked == 0;
            if (constant) continue;
            if (tally.Numbers >= _options.NumericShare * tally.Present)
            {
                chosen.Add(new AttributeFeature(name, AttributeKind.Numeric, coverage));
                continue;
            }
            var levels = tally.Values.Where(v => v.Value >= _options.MinLevelShare * tally.Present)
                .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(_options.MaxLevels).ToList();
            if (levels.Sum(l => l.Value) * 2 < tally.Present) continue;
            chosen.Add(new AttributeFeature(name, AttributeKind.Categorical, coverage, levels.Select(l => l.Key).ToArray()));
        }
        return chosen.Count == 0 ? AttributeSchema.None : new AttributeSchema(chosen);
    }

    private sealed class Tally
    {
        public long Present, Numbers, Untracked;
        public Dictionary<string, long> Values { get; } = new(StringComparer.Ordinal);

        public void Add(string value, bool number)
        {
            Present++;
            if (number) Numbers++;
            if (Values.TryGetValue(value, out var count)) Values[value] = count + 1;
            else if (Values.Count < MaxTrackedValues) Values[value] = 1;
            else Untracked++;
        }
    }
}
