namespace Campaigns.Domain.ContactRules;

/// <summary>
/// One row per customer that every capped assignment updates first in its transaction: the update holds the row until
/// the assignment commits, so two assignments of the same customer (from any campaigns) check their rules and count
/// their contact one after the other, and a cap cannot be passed by two requests that each saw room for one more.
/// </summary>
public sealed class ContactLedger
{
    public Guid CustomerId { get; set; }
    /// <summary>Contacts made under contact rules (treated assignments of campaigns that are not exempt).</summary>
    public int Contacts { get; set; }
}
