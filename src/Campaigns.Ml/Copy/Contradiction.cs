namespace Campaigns.Ml.Copy;

/// <summary>One statement of a line the campaign does not support, with the reason in words ("states free shipping ...").</summary>
public sealed record Contradiction(ClaimKind Kind, string Reason)
{
    public override string ToString() => Reason;
}
