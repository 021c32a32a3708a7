namespace Campaigns.Ml.Copy;

/// <summary>One problem with the form of a line, with the word or mark named ("'offsitewIDe' is not a word", "doubled '..'").</summary>
public sealed record FormProblem(FormProblemKind Kind, string Reason)
{
    public override string ToString() => Reason;
}
