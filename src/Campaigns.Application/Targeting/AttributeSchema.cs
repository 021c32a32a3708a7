using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Application.Targeting;

public enum AttributeKind { Numeric, Categorical }

/// <summary>
/// One imported custom attribute used as a model feature: numeric (the value read as an invariant-culture number),
/// or categorical (one of <see cref="Levels"/>, any other value <see cref="AttributeSchema.Other"/>).
/// </summary>
/// <param name="Coverage">Share of the training rows whose customer had the attribute.</param>
public sealed record AttributeFeature(string Name, AttributeKind Kind, double Coverage, IReadOnlyList<string>? Levels = null)
{
    /// <summary>The feature's column name, prefixed so it can never collide with a built-in feature.</summary>
    [JsonIgnore] public string Feature => AttributeSchema.Prefix + Name;
}

/// <summary>
/// The custom attributes a targeting model uses, found in its training data by <see cref="AttributeDiscovery"/> and
/// saved in the model's manifest, so scoring reads every customer's attributes exactly as training did. A customer
/// without an attribute gets NaN (numeric) or a missing level (categorical). A model saved without a schema has none.
/// </summary>
public sealed class AttributeSchema
{
    public const string Prefix = "attr:";
    /// <summary>The level of every value of a categorical attribute that was too rare in training to keep.</summary>
    public const string Other = "(other)";
    /// <summary>The key of the schema in the uplift model's manifest metadata.</summary>
    public const string MetadataKey = "targeting.attributes";

    public static readonly AttributeSchema None = new([]);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly byte[][] _names;
    private readonly int[] _slot;
    private readonly byte[][][] _levels;

    public AttributeSchema(IReadOnlyList<AttributeFeature> attributes)
    {
        if (attributes.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != attributes.Count)
            throw new ArgumentException("Attribute names must be distinct.");
        Attributes = attributes.ToArray();
        NumericFeatures = Attributes.Where(a => a.Kind == AttributeKind.Numeric).Select(a => a.Feature).ToArray();
        CategoricalFeatures = Attributes.Where(a => a.Kind == AttributeKind.Categorical).Select(a => a.Feature).ToArray();
        _names = Attributes.Select(a => Encoding.UTF8.GetBytes(a.Name)).ToArray();
        _levels = Attributes.Select(a => (a.Levels ?? []).Select(Encoding.UTF8.GetBytes).ToArray()).ToArray();
        // An attribute's position among the numeric or among the categorical columns.
        _slot = new int[Attributes.Count];
        int numeric = 0, categorical = 0;
        for (var i = 0; i < Attributes.Count; i++)
            _slot[i] = Attributes[i].Kind == AttributeKind.Numeric ? numeric++ : categorical++;
    }

    public IReadOnlyList<AttributeFeature> Attributes { get; }
    public IReadOnlyList<string> NumericFeatures { get; }
    public IReadOnlyList<string> CategoricalFeatures { get; }

    /// <summary>
    /// Reads one customer's attributes (<c>Customer.CustomAttributesJson</c>) into the attribute columns, with one
    /// forward pass over the JSON and no allocation but the level strings the schema already holds.
    /// </summary>
    public void Fill(string? attributesJson, Span<float> numeric, Span<string?> categorical)
    {
        numeric[..NumericFeatures.Count].Fill(float.NaN);
        categorical[..CategoricalFeatures.Count].Clear();
        if (Attributes.Count == 0 || string.IsNullOrEmpty(attributesJson)) return;
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(attributesJson.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(attributesJson, buffer)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var attribute = IndexOf(ref reader);
                reader.Read();
                if (attribute < 0 || !AttributeJson.IsScalar(reader.TokenType))
                {
                    reader.Skip();
                    continue;
                }
                if (Attributes[attribute].Kind == AttributeKind.Numeric)
                    numeric[_slot[attribute]] = AttributeJson.TryNumber(ref reader, out var value) ? (float)value : float.NaN;
                else if (!AttributeJson.IsEmpty(ref reader))
                    categorical[_slot[attribute]] = LevelOf(ref reader, attribute);
            }
        }
        catch (JsonException)
        {
            // Imports write these objects, so this is a hand-edited row: treat the customer as having no attributes.
            numeric[..NumericFeatures.Count].Fill(float.NaN);
            categorical[..CategoricalFeatures.Count].Clear();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _names.Length; i++)
            if (reader.ValueTextEquals(_names[i])) return i;
        return -1;
    }

    private string LevelOf(ref Utf8JsonReader reader, int attribute)
    {
        var levels = _levels[attribute];
        for (var l = 0; l < levels.Length; l++)
            if (AttributeJson.TextEquals(ref reader, levels[l])) return Attributes[attribute].Levels![l];
        return Other;
    }

    public string ToJson() => JsonSerializer.Serialize(Attributes, Json);

    /// <exception cref="InvalidDataException">The text is not a schema written by <see cref="ToJson"/>.</exception>
    public static AttributeSchema FromJson(string json)
    {
        try
        {
            var attributes = JsonSerializer.Deserialize<List<AttributeFeature>>(json, Json) ?? [];
            return attributes.Count == 0 ? None : new AttributeSchema(attributes);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"The model's custom attribute schema is not readable: {ex.Message}");
        }
    }

    /// <summary>The schema saved in a model's metadata (uplift or offer model); a model saved before attributes were features has none.</summary>
    public static AttributeSchema Of(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(MetadataKey, out var json) ? FromJson(json) : None;

    /// <summary>Saves the schema in a model's metadata, which its manifest carries (written by the model's Save).</summary>
    public void SaveIn(IDictionary<string, string> metadata) => metadata[MetadataKey] = ToJson();
}

/// <summary>The few ways training and scoring read an attribute's value, shared so both read it the same way.</summary>
internal static class AttributeJson
{
    public static bool IsScalar(JsonTokenType token) =>
        token is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False;

    /// <summary>An empty string is no value: the customer lacks the attribute.</summary>
    public static bool IsEmpty(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty;

    /// <summary>A finite number, from a JSON number or a string that parses with the invariant culture ("1,5" and "NaN" do not).</summary>
    public static bool TryNumber(ref Utf8JsonReader reader, out double value)
    {
        var parsed = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out value),
            JsonTokenType.String when reader.ValueIsEscaped => double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            JsonTokenType.String => double.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => Fail(out value),
        };
        return parsed && double.IsFinite(value);
    }

    /// <summary>The value as text (a number or true/false as written).</summary>
    public static string Text(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);

    public static bool TextEquals(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8) =>
        reader.TokenType == JsonTokenType.String ? reader.ValueTextEquals(utf8) : reader.ValueSpan.SequenceEqual(utf8);

    private static bool Fail(out double value)
    {
        value = double.NaN;
        return false;
    }
}
