using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Copy;

/// <summary>
/// One suggested line as <see cref="CopyEvaluation"/> read it: its problems of form, the statements the campaign does
/// not support, whether it fits the channel, the tone the tone classifier reads in it (null without a classifier), and
/// whether it is new (not a training line).
/// </summary>
public sealed record CandidateCheck(string Text, IReadOnlyList<FormProblem> Form, IReadOnlyList<Contradiction> Claims, int Length, int LengthLimit,
    Tone? ReadAs, bool Novel)
{
    public bool TooLong => Length > LengthLimit;

    /// <summary>Free of every problem: well formed, every claim supported, no raw slot, within the channel's length.</summary>
    public bool Clean => Form.Count == 0 && Claims.Count == 0 && !TooLong;

    /// <summary>Each problem in words, form first.</summary>
    public IEnumerable<string> Problems => Form.Select(f => f.Reason).Concat(Claims.Select(c => c.Reason))
        .Concat(TooLong ? [$"is {Length} characters, longer than {LengthLimit}"] : []);
}
