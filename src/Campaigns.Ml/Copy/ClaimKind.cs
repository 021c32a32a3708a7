namespace Campaigns.Ml.Copy;

/// <summary>What kind of statement of a line the campaign does not support.</summary>
public enum ClaimKind
{
    /// <summary>Another percentage, amount, minimum spend, bundle, free item, code or end date than the offer's.</summary>
    Offer,
    /// <summary>Urgency ("tonight", "3 hours left") the time left after the send does not support.</summary>
    Urgency,
    /// <summary>Free shipping neither the offer nor the store's shipping terms give.</summary>
    Shipping,
    /// <summary>A store promise ("free returns", "price match") the store's policies do not include.</summary>
    StorePromise,
    /// <summary>"Sitewide", "everything" on an offer limited to one category.</summary>
    Sitewide,
    /// <summary>A product outside the category the offer is limited to.</summary>
    Product,
    /// <summary>Stock running out ("almost sold out", "few left"): the app has no stock figures to support it.</summary>
    Stock,
    /// <summary>A raw slot, or the customer's name on a channel that is the same for everyone.</summary>
    Slot,
}
