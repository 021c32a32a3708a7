namespace Campaigns.Cli;

/// <summary>Parses one record's feature fields into reusable buffers: numerics (empty = NaN) and categoricals (empty = missing).</summary>
internal sealed class FeatureReader(int[] numericColumns, int[] categoricalColumns, List<string> header)
{
    public float[] Numeric { get; } = new float[numericColumns.Length];
    public string?[] Categorical { get; } = new string?[categoricalColumns.Length];

    public void Read(List<string> fields, int line)
    {
        for (var j = 0; j < numericColumns.Length; j++)
        {
            var text = fields[numericColumns[j]].Trim();
            Numeric[j] = text.Length == 0 ? float.NaN : (float)UpliftCsv.Number(text, line, header[numericColumns[j]].Trim());
        }
        for (var c = 0; c < categoricalColumns.Length; c++)
            Categorical[c] = fields[categoricalColumns[c]].Trim() is { Length: > 0 } value ? value : null;
    }
}
