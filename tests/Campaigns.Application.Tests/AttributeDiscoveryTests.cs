using System.Text.Json;
using Campaigns.Application.Targeting;

namespace Campaigns.Application.Tests;

public sealed class AttributeDiscoveryTests
{
    private static string Json(params (string Name, string Value)[] attributes) =>
        JsonSerializer.Serialize(attributes.ToDictionary(a => a.Name, a => a.Value));

    private static AttributeSchema Discover(IEnumerable<string?> rows, AttributeFeatureOptions? options = null)
    {
        var discovery = new AttributeDiscovery(options);
        foreach (var row in rows) discovery.Observe(row);
        return discovery.Build();
    }

    private static AttributeFeature Attribute(AttributeSchema schema, string name) => schema.Attributes.Single(a => a.Name == name);

    [Fact]
    public void An_attribute_whose_values_are_nearly_all_invariant_numbers_is_numeric_and_any_other_is_categorical()
    {
        var rows = Enumerable.Range(0, 200).Select(i => Json(
            ("age", (20 + i % 50).ToString()),
            // One value in a hundred is not a number: still numeric (98% needed).
            ("score", i % 100 == 0 ? "n/a" : $"{i % 7}.5"),
            // A comma decimal is not an invariant-culture number.
            ("discount", i % 2 == 0 ? "1,5" : "2,5"),
            // One in ten is text: categorical.
            ("band", i % 10 == 0 ? "none" : (i % 3).ToString()),
            ("tier", i % 4 == 0 ? "gold" : "silver")));

        var schema = Discover(rows);

        Assert.Equal(AttributeKind.Numeric, Attribute(schema, "age").Kind);
        Assert.Equal(AttributeKind.Numeric, Attribute(schema, "score").Kind);
        Assert.Equal(AttributeKind.Categorical, Attribute(schema, "discount").Kind);
        Assert.Equal(AttributeKind.Categorical, Attribute(schema, "band").Kind);
        Assert.Equal(["silver", "gold"], Attribute(schema, "tier").Levels);
        Assert.Equal(["attr:age", "attr:score"], schema.NumericFeatures);
        Assert.Equal(["attr:band", "attr:discount", "attr:tier"], schema.CategoricalFeatures);
    }

    [Fact]
    public void Only_attributes_present_on_enough_rows_are_kept_and_the_best_covered_first_up_to_the_cap()
    {
        // "often" is on about half the rows, "sometimes" on 6% and "rarely" on 4% of them; the threshold is 5%.
        var rows = Enumerable.Range(0, 1000).Select(i =>
        {
            var attributes = new List<(string, string)> { ("often", (i % 5).ToString()) };
            if (i % 50 < 3) attributes.Add(("sometimes", (i % 3).ToString()));
            if (i % 50 < 2) attributes.Add(("rarely", (i % 3).ToString()));
            return i % 2 == 0 && i % 50 >= 3 ? null : Json([.. attributes]);
        }).ToList();

        var schema = Discover(rows);
        Assert.Equal(["often", "sometimes"], schema.Attributes.Select(a => a.Name));
        Assert.Equal(0.06, Attribute(schema, "sometimes").Coverage, 9);

        var capped = Discover(rows, new AttributeFeatureOptions { MaxAttributes = 1 });
        Assert.Equal(["often"], capped.Attributes.Select(a => a.Name));
        Assert.Empty(Discover(rows, new AttributeFeatureOptions { MaxAttributes = 0 }).Attributes);
    }

    [Fact]
    public void A_categorical_attribute_keeps_its_most_frequent_levels_up_to_the_cap_and_folds_the_rest_into_other()
    {
        // Level k appears 100 - 5k times: fifteen levels, and one value seen once (under 1% of the values).
        var rows = new List<string?>();
        for (var k = 0; k < 15; k++)
            for (var n = 0; n < 100 - 5 * k; n++) rows.Add(Json(("colour", $"c{k:00}")));
        rows.Add(Json(("colour", "once")));

        var schema = Discover(rows, new AttributeFeatureOptions { MaxLevels = 10 });

        var colour = Attribute(schema, "colour");
        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"c{k:00}"), colour.Levels);
        Assert.Equal(new string?[] { "c00", "(other)", "(other)" }, Read(schema, "c00", "c12", "once"));
        Assert.Equal(new string?[] { "c09", "(other)" }, Read(schema, "c09", "c10"));

        static string?[] Read(AttributeSchema schema, params string[] values) => values.Select(v =>
        {
            var categorical = new string?[1];
            schema.Fill(Json(("colour", v)), [], categorical);
            return categorical[0];
        }).ToArray();
    }

    [Fact]
    public void Identifiers_and_attributes_with_one_value_on_every_row_say_nothing_and_are_left_out()
    {
        var rows = Enumerable.Range(0, 500).Select(i => Json(("loyalty_id", $"L{i}"), ("country", "DE"), ("tier", i % 3 == 0 ? "gold" : "silver")));
        Assert.Equal(["tier"], Discover(rows).Attributes.Select(a => a.Name));
    }

    [Fact]
    public void Nothing_is_discovered_from_customers_without_attributes()
    {
        Assert.Same(AttributeSchema.None, Discover(Enumerable.Repeat((string?)null, 100)));
        Assert.Same(AttributeSchema.None, Discover([]));
    }
}

public sealed class AttributeSchemaTests
{
    private static readonly AttributeSchema Schema = new([
        new AttributeFeature("tier", AttributeKind.Categorical, 0.9, ["gold", "café"]),
        new AttributeFeature("age", AttributeKind.Numeric, 0.8),
        new AttributeFeature("visits", AttributeKind.Numeric, 0.7),
    ]);

    private static (float[] Numeric, string?[] Categorical) Read(string? json)
    {
        var numeric = new float[] { 1, 2 };
        var categorical = new string?[] { "stale" };
        Schema.Fill(json, numeric, categorical);
        return (numeric, categorical);
    }

    [Fact]
    public void A_customer_reads_as_numbers_and_levels_and_a_missing_attribute_as_NaN_or_no_level()
    {
        var (numeric, categorical) = Read("""{"age":" 41.5 ","note":{"nested":[1,2]},"tier":"gold","extra":"x"}""");
        Assert.Equal([41.5f, float.NaN], numeric);
        Assert.Equal(new string?[] { "gold" }, categorical);

        (numeric, categorical) = Read(null);
        Assert.Equal([float.NaN, float.NaN], numeric);
        Assert.Equal(new string?[] { null }, categorical);

        (numeric, categorical) = Read("""{"age":"unknown","visits":"1e3","tier":""}""");
        Assert.Equal([float.NaN, 1000f], numeric);
        Assert.Equal(new string?[] { null }, categorical);
    }

    [Fact]
    public void Values_are_matched_as_the_importer_writes_them_escaped_numbers_and_unknown_values_included()
    {
        // The importer's serializer escapes non-ASCII letters.
        Assert.Equal(new string?[] { "café" }, Read(JsonSerializer.Serialize(new Dictionary<string, string> { ["tier"] = "café" })).Categorical);
        Assert.Equal(new string?[] { "(other)" }, Read("""{"tier":"platinum"}""").Categorical);
        Assert.Equal([7f, float.NaN], Read("""{"age":7,"visits":"Infinity"}""").Numeric);
        Assert.Equal([float.NaN, float.NaN], Read("not json").Numeric);
    }

    [Fact]
    public void The_schema_survives_its_json_and_names_its_columns_after_the_built_in_features()
    {
        var copy = AttributeSchema.FromJson(Schema.ToJson());
        Assert.Equal(Schema.ToJson(), copy.ToJson());
        Assert.Equal(["attr:age", "attr:visits"], copy.NumericFeatures);
        Assert.Equal([.. TargetingFeatures.Categorical, "attr:tier"], TargetingFeatures.CategoricalWith(copy));
        Assert.Equal(TargetingFeatures.Numeric, TargetingFeatures.NumericWith(AttributeSchema.None));
        Assert.Throws<InvalidDataException>(() => AttributeSchema.FromJson("{not a schema"));
    }
}
