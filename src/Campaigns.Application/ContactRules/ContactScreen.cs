namespace Campaigns.Application.ContactRules;

/// <summary>
/// The contact rules' verdict on a built audience's eligible customers, by row: who is capped, how many are left out,
/// and how many planned in less profitable campaigns come to this one.
/// </summary>
public sealed class ContactScreen(bool[] capped, int leftOut, int taken)
{
    public int LeftOut { get; } = leftOut;
    public int Taken { get; } = taken;

    public bool IsCapped(int row) => capped[row];
}
