using Microsoft.ML;
using Microsoft.ML.Data;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// A zero-copy ML.NET view over some rows of an encoded row-major feature matrix: a Features vector (optionally
/// followed by a one-hot of the arm, for the S-learner) and, for training, a Label read from a per-row array.
/// </summary>
internal sealed class MatrixDataView : IDataView
{
    public const string Features = "Features";
    public const string Label = "Label";

    private readonly float[] _x;
    private readonly int _width;
    private readonly int[] _rows;
    private readonly int _start;
    private readonly int _count;
    private readonly float[]? _labels;
    private readonly bool _booleanLabel;
    private readonly int _armSlots;
    private readonly ReadOnlyMemory<int> _armOfRow;
    private readonly int _fixedArm;

    /// <param name="rows">Matrix rows in view order; the view covers rows[start..start+count).</param>
    /// <param name="armSlots">0, or the number of arms to append as a one-hot: the row's own arm (armOfRow), or fixedArm when armOfRow is empty.</param>
    public MatrixDataView(float[] x, int width, int[] rows, int start, int count, float[]? labels = null, bool booleanLabel = false,
        int armSlots = 0, ReadOnlyMemory<int> armOfRow = default, int fixedArm = 0)
    {
        (_x, _width, _rows, _start, _count, _labels, _booleanLabel) = (x, width, rows, start, count, labels, booleanLabel);
        (_armSlots, _armOfRow, _fixedArm) = (armSlots, armOfRow, fixedArm);
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(Features, new VectorDataViewType(NumberDataViewType.Single, width + armSlots));
        if (labels is not null) schema.AddColumn(Label, booleanLabel ? BooleanDataViewType.Instance : NumberDataViewType.Single);
        Schema = schema.ToSchema();
    }

    public static MatrixDataView All(float[] x, int width, int[] rows, float[]? labels = null, bool booleanLabel = false) =>
        new(x, width, rows, 0, rows.Length, labels, booleanLabel);

    /// <summary>Rows in the view.</summary>
    public int Count => _count;

    /// <summary>Length of the Features vector: the matrix width plus the arm slots.</summary>
    public int FeatureCount => _width + _armSlots;

    /// <summary>Copies the Features vector of the view's i-th row (the matrix row, then the arm one-hot if any) to <paramref name="destination"/>.</summary>
    public void CopyRow(int i, Span<float> destination)
    {
        var row = _rows[_start + i];
        _x.AsSpan(row * _width, _width).CopyTo(destination);
        if (_armSlots == 0) return;
        var arm = _armOfRow.IsEmpty ? _fixedArm : _armOfRow.Span[row];
        for (var a = 0; a < _armSlots; a++) destination[_width + a] = a == arm ? 1f : 0f;
    }

    public bool CanShuffle => false;
    public DataViewSchema Schema { get; }
    public long? GetRowCount() => _count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(MatrixDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;
        public override long Batch => 0;
        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (_position >= view._count) return false;
            return ++_position < view._count;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        private int Row => view._rows[view._start + (int)_position];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Name == Features)
            {
                ValueGetter<VBuffer<float>> features = (ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, view.FeatureCount);
                    view.CopyRow((int)_position, editor.Values);
                    value = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)features;
            }
            if (column.Name == Label && view._labels is { } labels)
            {
                if (view._booleanLabel)
                {
                    ValueGetter<bool> flag = (ref bool value) => value = labels[Row] != 0;
                    return (ValueGetter<TValue>)(Delegate)flag;
                }
                ValueGetter<float> number = (ref float value) => value = labels[Row];
                return (ValueGetter<TValue>)(Delegate)number;
            }
            throw new ArgumentOutOfRangeException(nameof(column), $"No column '{column.Name}' in the feature view.");
        }
    }
}
