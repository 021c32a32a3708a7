namespace Campaigns.Imports;

/// <summary>A problem with one row (or with the file when <see cref="Row"/> is 0), naming the column when there is one.</summary>
public sealed record RowProblem(long Row, int Line, string? Column, string Message)
{
    /// <summary>The column's header, cut to an <see cref="Excerpt"/>: it is repeated in every problem of the column.</summary>
    public string? Column { get; init; } = Column is null ? null : Excerpt.Of(Column);

    public override string ToString() => Row == 0 ? Message : $"Row {Row} (line {Line}){(Column is null ? "" : $", column '{Column}'")}: {Message}";
}
