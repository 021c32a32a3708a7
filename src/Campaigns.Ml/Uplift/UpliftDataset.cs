using System.Runtime.InteropServices;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// Training or scoring rows, columnar. Arm 0 is the control; arms 1..K-1 are treatments. Numeric NaN = missing.
/// Categorical values are stored as codes into a per-column list of the values seen, so a million rows of a
/// ten-level column cost a million ints, not a million strings.
/// </summary>
public sealed class UpliftDataset
{
    private readonly List<float>[] _numeric;
    private readonly List<int>[] _categorical;
    private readonly List<string>[] _levels;
    private readonly Dictionary<string, int>[] _codes;
    private readonly List<string> _ids = [];
    private readonly List<int> _arms = [];
    private readonly List<float> _outcomes = [];

    public UpliftDataset(IReadOnlyList<string> numericFeatures, IReadOnlyList<string> categoricalFeatures, IReadOnlyList<string> arms)
    {
        if (arms.Count == 0) throw new ArgumentException("Name at least one arm (the control).");
        if (arms.Distinct(StringComparer.Ordinal).Count() != arms.Count) throw new ArgumentException("Arm names must be distinct.");
        var names = numericFeatures.Concat(categoricalFeatures).ToList();
        if (names.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("Feature names must not be empty.");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) throw new ArgumentException("Feature names must be distinct.");
        NumericFeatures = numericFeatures.ToArray();
        CategoricalFeatures = categoricalFeatures.ToArray();
        Arms = arms.ToArray();
        _numeric = NumericFeatures.Select(_ => new List<float>()).ToArray();
        _categorical = CategoricalFeatures.Select(_ => new List<int>()).ToArray();
        _levels = CategoricalFeatures.Select(_ => new List<string>()).ToArray();
        _codes = CategoricalFeatures.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    }

    public IReadOnlyList<string> NumericFeatures { get; }
    public IReadOnlyList<string> CategoricalFeatures { get; }
    public IReadOnlyList<string> Arms { get; }
    public int Count => _ids.Count;

    public void Add(string id, ReadOnlySpan<float> numeric, ReadOnlySpan<string?> categorical, int arm = 0, float outcome = 0)
    {
        if (numeric.Length != _numeric.Length) throw new ArgumentException($"Expected {_numeric.Length} numeric values, got {numeric.Length}.");
        if (categorical.Length != _categorical.Length) throw new ArgumentException($"Expected {_categorical.Length} categorical values, got {categorical.Length}.");
        if ((uint)arm >= (uint)Arms.Count) throw new ArgumentOutOfRangeException(nameof(arm), $"Arm {arm} is not in 0..{Arms.Count - 1}.");
        for (var j = 0; j < numeric.Length; j++) _numeric[j].Add(numeric[j]);
        for (var c = 0; c < categorical.Length; c++) _categorical[c].Add(Code(c, categorical[c]));
        _ids.Add(id);
        _arms.Add(arm);
        _outcomes.Add(outcome);
    }

    public string IdAt(int row) => _ids[row];
    public int ArmAt(int row) => _arms[row];
    public float OutcomeAt(int row) => _outcomes[row];
    public float NumericAt(int row, int column) => _numeric[column][row];
    public string? CategoricalAt(int row, int column) => _categorical[column][row] is var code and >= 0 ? _levels[column][code] : null;

    /// <summary>A new dataset with the given rows, in that order.</summary>
    public UpliftDataset Select(IReadOnlyList<int> rows)
    {
        var subset = new UpliftDataset(NumericFeatures, CategoricalFeatures, Arms);
        var numeric = new float[_numeric.Length];
        var categorical = new string?[_categorical.Length];
        foreach (var row in rows)
        {
            for (var j = 0; j < numeric.Length; j++) numeric[j] = _numeric[j][row];
            for (var c = 0; c < categorical.Length; c++) categorical[c] = _categorical[c][row] is var code and >= 0 ? _levels[c][code] : null;
            subset.Add(_ids[row], numeric, categorical, _arms[row], _outcomes[row]);
        }
        return subset;
    }

    internal ReadOnlySpan<float> NumericColumn(int column) => CollectionsMarshal.AsSpan(_numeric[column]);
    internal ReadOnlySpan<int> CategoricalCodes(int column) => CollectionsMarshal.AsSpan(_categorical[column]);
    internal IReadOnlyList<string> CategoricalValues(int column) => _levels[column];
    internal ReadOnlySpan<int> ArmColumn => CollectionsMarshal.AsSpan(_arms);
    internal ReadOnlySpan<float> OutcomeColumn => CollectionsMarshal.AsSpan(_outcomes);

    private int Code(int column, string? value)
    {
        if (string.IsNullOrEmpty(value)) return -1;
        if (_codes[column].TryGetValue(value, out var code)) return code;
        code = _levels[column].Count;
        _levels[column].Add(value);
        _codes[column][value] = code;
        return code;
    }
}
