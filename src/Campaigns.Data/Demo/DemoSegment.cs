namespace Campaigns.Data.Demo;

/// <summary>
/// Who a demo customer is, hidden from the app: models must recover it from behaviour (discount share, basket,
/// device, frequency), as they would in a real store. Read it through <see cref="DemoStoreGenerator.SegmentOf"/> only to
/// score models against the truth. In the single-offer uplift story, <see cref="Loyal"/> customers are the sure things,
/// the three persuadable segments each move for a different offer, <see cref="Indifferent"/> ones are the lost causes
/// and <see cref="Premium"/> ones the sleeping dogs.
/// </summary>
public enum DemoSegment
{
    /// <summary>Frequent buyers with large baskets who buy anyway; any offer adds a little.</summary>
    Loyal,

    /// <summary>Most of their orders were discounted; they move for a deep percent off (about 20% and more), and the deeper the more.</summary>
    DealSeeker,

    /// <summary>Mostly on mobile, baskets under the free-shipping threshold; free shipping moves them, and costs the store less than a discount.</summary>
    SmallBasketMobile,

    /// <summary>Buy several items an order; a bundle moves them and raises their basket.</summary>
    MultiItem,

    /// <summary>Rarely buy, with or without an offer.</summary>
    Indifferent,

    /// <summary>Large baskets, almost never discounted; discounts put them off (most of all by email): they should get nothing.</summary>
    Premium,
}
