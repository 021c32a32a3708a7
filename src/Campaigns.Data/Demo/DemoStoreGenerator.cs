using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Orders;
using Campaigns.Domain.Programme;

namespace Campaigns.Data.Demo;

/// <summary>
/// Builds a believable store from a seed: customers of hidden segments (<see cref="DemoSegment"/>: who buy anyway,
/// who move for a deep discount, for free shipping, for a bundle, who never buy, who are put off by discounts), two years
/// of orders, past randomized campaigns (depth tests and multi-offer tests among them) whose true responses
/// (<see cref="DemoTruth"/>) differ by segment, offer and depth, and promo copy whose click-through depends on its
/// wording. The segments are never stored; models must recover them from behaviour, as they would in a real store.
/// Customers' buying also drifts (<see cref="DemoTrajectory"/>): some lapse, some grow, most stay steady, drawn from a
/// stream of their own so the other draws stay as they were; <see cref="TrueFuture"/> gives each one's future.
/// With a <see cref="DemoHoldout"/>, later campaigns leave the held-out customers out and
/// <see cref="TrueProgrammeEffect"/> says what the programme truly earned.
/// </summary>
public sealed class DemoStoreGenerator(int seed, DateTime asOf, DemoHoldout? holdout = null)
{
    /// <param name="OrderValue">The customer's usual gross basket with no offer.</param>
    private sealed record Profile(Customer Customer, DemoSegment Segment, double OrderValue)
    {
        public Drift Drift { get; set; } = Drift.Steady;
    }

    /// <summary>
    /// How a customer's buying changes, in days from the end of history (<c>Turn</c>, negative before it): a lapsing customer's
    /// rate decays from the turn (e-folding in <see cref="LapseDays"/>); a growing one's rises linearly over <see cref="GrowthDays"/>
    /// to <c>Growth</c> times the segment's, the extra orders being baskets <c>Spend</c> times the usual.
    /// </summary>
    private sealed record Drift(DemoTrajectory Trajectory, double Turn, double Growth, double Spend)
    {
        public static readonly Drift Steady = new(DemoTrajectory.Steady, 0, 1, 1);

        /// <summary>The usual orders' rate, as a multiple of the segment's, t days from the end of history.</summary>
        public double Usual(double t) => Trajectory == DemoTrajectory.Lapsing && t > Turn ? Math.Exp(-(t - Turn) / LapseDays) : 1;

        /// <summary>The extra orders' rate, as a multiple of the segment's.</summary>
        public double Extra(double t) => Trajectory == DemoTrajectory.Growing ? (Growth - 1) * Math.Clamp((t - Turn) / GrowthDays, 0, 1) : 0;
    }

    private const double LapseDays = 60, GrowthDays = 180;

    private readonly DateTime _asOf = asOf.Date;
    private readonly List<Profile> _profiles = [];
    private readonly Dictionary<Guid, List<Product>> _productsByCategory = [];
    private readonly List<Category> _categories = [];
    private readonly Random _ids = new(seed + 5);
    private long _idTicks = (long)(asOf.Date.AddYears(-10) - DateTime.UnixEpoch).TotalMilliseconds;
    private const decimal ShippingFee = 4.95m;
    private HoldoutPeriod? _holdout;
    /// <summary>Draws of purchases whose paid value the truth averages, apart from every stream that builds the store.</summary>
    private readonly Random _paidDraws = new(seed + 9);
    private const int PaidDraws = 8;
    private double _extraOrders, _extraRevenue, _extraMargin;

    /// <summary>
    /// Orders go back two years, so even the oldest past campaign (a year ago) sees a year of each customer's behaviour
    /// in its features, as the plan sees today.
    /// </summary>
    private const int HistoryDays = 730;

    /// <summary>
    /// An id shaped and ordered like the app's own (version 7: a millisecond count, then random bits), but drawn from the
    /// seed: one seed always gives the same store, down to the order its rows come back in, which training splits and
    /// benchmarks rely on.
    /// </summary>
    private Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        var ticks = _idTicks++;
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ticks >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    public DemoStore Generate(int customers)
    {
        var store = new DemoStore();
        BuildCatalogue(store, new Random(seed), new Random(seed + 6));
        BuildCustomers(store, customers, new Random(seed + 1));
        var drift = new Random(seed + 7);
        DrawDrifts(drift);
        BuildOrders(store, new Random(seed + 2), drift);
        if (holdout is not null) store.HoldoutPeriods.Add(_holdout = holdout.Period(seed, _asOf));
        BuildCampaigns(store, new Random(seed + 3));
        BuildCopy(store, new Random(seed + 4));
        // Last, so that every row before them keeps its id.
        BuildExtraOrders(store, drift);
        ComputeBehaviour(store);
        return store;
    }

    /// <param name="wording">Draws the descriptions' wording apart from <paramref name="rng"/>, so new patterns leave prices and products as they were.</param>
    private void BuildCatalogue(DemoStore store, Random rng, Random wording)
    {
        var sku = 1000;
        foreach (var (name, min, max, nouns) in DemoCatalog.Categories)
        {
            var category = new Category { Id = NextId(), Name = name };
            store.Categories.Add(category);
            _categories.Add(category);
            var list = _productsByCategory[category.Id] = [];
            foreach (var noun in nouns)
            {
                foreach (var adjective in DemoCatalog.Adjectives.OrderBy(_ => rng.Next()).Take(4))
                {
                    var price = Math.Round(min + (max - min) * (decimal)Math.Pow(rng.NextDouble(), 1.6), 0) - 0.01m;
                    var colour = DemoCatalog.Colours[rng.Next(DemoCatalog.Colours.Length)];
                    var product = new Product
                    {
                        Id = NextId(),
                        Sku = $"SKU-{sku++}",
                        Name = $"{adjective} {noun}",
                        Description = Describe(wording, name, adjective, noun, colour),
                        CategoryId = category.Id,
                        Price = price,
                        Cost = Math.Round(price * (decimal)(0.4 + 0.35 * rng.NextDouble()), 2),
                    };
                    store.Products.Add(product);
                    list.Add(product);
                }
            }
        }
    }

    private static string Describe(Random rng, string category, string adjective, string noun, string colour)
    {
        var (materials, benefits) = DemoCatalog.Details[category];
        var text = DemoCatalog.DescriptionPatterns[rng.Next(DemoCatalog.DescriptionPatterns.Length)]
            .Replace("{adjective}", adjective.ToLowerInvariant()).Replace("{noun}", noun.ToLowerInvariant())
            .Replace("{colour}", colour.ToLowerInvariant()).Replace("{category}", category.ToLowerInvariant())
            .Replace("{material}", materials[rng.Next(materials.Length)]).Replace("{benefit}", benefits[rng.Next(benefits.Length)]);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private void BuildCustomers(DemoStore store, int count, Random rng)
    {
        for (var i = 0; i < count; i++)
        {
            var roll = rng.NextDouble();
            var segment = roll < 0.2 ? DemoSegment.Loyal : roll < 0.3 ? DemoSegment.DealSeeker : roll < 0.39 ? DemoSegment.SmallBasketMobile
                : roll < 0.45 ? DemoSegment.MultiItem : roll < 0.9 ? DemoSegment.Indifferent : DemoSegment.Premium;
            var tenureDays = segment == DemoSegment.Premium ? 300 + rng.Next(1500) : 10 + rng.Next(1400);
            var mobileShare = segment switch
            {
                DemoSegment.SmallBasketMobile => 0.85,
                DemoSegment.DealSeeker => 0.5,
                DemoSegment.MultiItem => 0.35,
                DemoSegment.Premium => 0.25,
                _ => 0.45,
            };
            var d = rng.NextDouble();
            var device = d < mobileShare ? Device.Mobile : d < mobileShare + 0.1 ? Device.Tablet : Device.Desktop;
            var first = DemoCatalog.FirstNames[rng.Next(DemoCatalog.FirstNames.Length)];
            var customer = new Customer
            {
                Id = NextId(),
                ExternalId = $"C{i + 1:D6}",
                FirstName = first,
                Email = $"{first.ToLowerInvariant()}.{i + 1}@example.com",
                Region = DemoCatalog.Regions[Skewed(rng, DemoCatalog.Regions.Length)],
                Device = device,
                SignedUpAt = _asOf.AddDays(-tenureDays).AddMinutes(rng.Next(1440)),
                EmailOptIn = rng.NextDouble() < 0.92,
            };
            var orderValue = segment switch
            {
                DemoSegment.Loyal => 95,
                DemoSegment.DealSeeker => 65,
                DemoSegment.SmallBasketMobile => 36,
                DemoSegment.MultiItem => 85,
                DemoSegment.Premium => 130,
                _ => 48,
            } * LogNormal(rng, segment == DemoSegment.SmallBasketMobile ? 0.25 : 0.35);
            store.Customers.Add(customer);
            _profiles.Add(new Profile(customer, segment, orderValue));
        }
    }

    private static double PerYear(DemoSegment segment) => segment switch
    {
        DemoSegment.Loyal => 7.0,
        DemoSegment.DealSeeker => 3.0,
        DemoSegment.SmallBasketMobile => 3.5,
        DemoSegment.MultiItem => 4.5,
        DemoSegment.Premium => 4.0,
        _ => 0.7,
    };

    private static double DiscountUse(DemoSegment segment) => segment switch
    {
        DemoSegment.DealSeeker => 0.75,
        DemoSegment.SmallBasketMobile => 0.35,
        DemoSegment.MultiItem => 0.3,
        DemoSegment.Premium => 0.03,
        _ => 0.12,
    };

    /// <summary>18% of customers lapse (from a day in the two years up to the end), 12% grow (2 to 4 times the orders, baskets 10–60% larger).</summary>
    private void DrawDrifts(Random drift)
    {
        foreach (var p in _profiles)
        {
            var roll = drift.NextDouble();
            var turn = -HistoryDays * drift.NextDouble();
            var (growth, spend) = (2 + 2 * drift.NextDouble(), 1.1 + 0.5 * drift.NextDouble());
            p.Drift = roll < 0.18 ? new Drift(DemoTrajectory.Lapsing, Math.Min(turn, 0), 1, 1)
                : roll < 0.3 ? new Drift(DemoTrajectory.Growing, Math.Min(turn, -90), growth, spend)
                : Drift.Steady;
        }
    }

    /// <summary>
    /// The usual orders at the segment's rate; a lapsing customer's are thinned to the rate of the day. A dropped order is
    /// drawn all the same, so every later draw (and id) stays as it was.
    /// </summary>
    private void BuildOrders(DemoStore store, Random rng, Random drift)
    {
        foreach (var p in _profiles)
        {
            var since = p.Customer.SignedUpAt > _asOf.AddDays(-HistoryDays) ? p.Customer.SignedUpAt : _asOf.AddDays(-HistoryDays);
            var years = (_asOf - since).TotalDays / 365.0;
            var n = Poisson(rng, PerYear(p.Segment) * years);
            var discountUse = DiscountUse(p.Segment);
            for (var k = 0; k < n; k++)
            {
                var placed = since.AddSeconds(rng.NextDouble() * (_asOf - since).TotalSeconds);
                var percent = rng.NextDouble() < discountUse ? (decimal)(5 * (1 + rng.Next(4))) : 0m;
                var order = NewOrder(rng, p, placed, percent, null, null, p.OrderValue);
                if (p.Drift.Trajectory == DemoTrajectory.Lapsing && drift.NextDouble() >= p.Drift.Usual((placed - _asOf).TotalDays)) continue;
                Store(store, order);
            }
        }
    }

    /// <summary>A growing customer's extra orders up to the end of history, at the rate of the day, with their larger baskets.</summary>
    private void BuildExtraOrders(DemoStore store, Random drift)
    {
        foreach (var p in _profiles.Where(p => p.Drift.Trajectory == DemoTrajectory.Growing))
        {
            var since = p.Customer.SignedUpAt > _asOf.AddDays(-HistoryDays) ? p.Customer.SignedUpAt : _asOf.AddDays(-HistoryDays);
            foreach (var placed in Arrivals(drift, p, since, _asOf, extra: true))
            {
                var percent = drift.NextDouble() < DiscountUse(p.Segment) ? (decimal)(5 * (1 + drift.Next(4))) : 0m;
                Store(store, NewOrder(drift, p, placed, percent, null, null, p.OrderValue * p.Drift.Spend));
            }
        }
    }

    /// <summary>
    /// Times of a customer's usual (or extra) orders in [from, to): a Poisson process at the drift's rate of the day, by
    /// thinning one at the highest rate of the span (rates only fall or only rise, so it is at one end).
    /// </summary>
    private List<DateTime> Arrivals(Random rng, Profile p, DateTime from, DateTime to, bool extra)
    {
        Func<double, double> rate = extra ? p.Drift.Extra : p.Drift.Usual;
        var (a, b) = ((from - _asOf).TotalDays, (to - _asOf).TotalDays);
        var top = Math.Max(rate(a), rate(b));
        var times = new List<DateTime>();
        if (top <= 0 || b <= a) return times;
        var n = Poisson(rng, PerYear(p.Segment) / 365 * top * (b - a));
        for (var k = 0; k < n; k++)
        {
            var t = a + rng.NextDouble() * (b - a);
            if (rng.NextDouble() < rate(t) / top) times.Add(_asOf.AddDays(t));
        }
        times.Sort();
        return times;
    }

    /// <summary>
    /// An order whose gross basket is drawn around <paramref name="basket"/>: each line is the product (of five drawn)
    /// nearest to what is left to spend, and lines stop when one more would take the basket further from its target.
    /// A multi-item buyer takes at least two items, and at least the bundle's under a bundle. Whole products overshoot small targets, so
    /// the draw aims 10% low: orders' mean gross basket is then the truth's (<see cref="DemoTruth"/>).
    /// </summary>
    private Order AddOrder(DemoStore store, Random rng, Profile p, DateTime placed, decimal percentOff, Promotion? promotion, Guid? campaignId, double basket) =>
        Store(store, NewOrder(rng, p, placed, percentOff, promotion, campaignId, basket));

    private static Order Store(DemoStore store, Order order)
    {
        store.Orders.Add(order);
        store.OrderLines.AddRange(order.Lines);
        return order;
    }

    private Order NewOrder(Random rng, Profile p, DateTime placed, decimal percentOff, Promotion? promotion, Guid? campaignId, double basket)
    {
        var order = new Order { Id = NextId(), CustomerId = p.Customer.Id, PlacedAt = placed, CampaignId = campaignId, CouponCode = promotion?.CouponCode };
        foreach (var (product, quantity) in DrawLines(rng, p, promotion, basket))
            order.Lines.Add(new OrderLine { Id = NextId(), OrderId = order.Id, ProductId = product.Id, Quantity = quantity, UnitPrice = product.Price });
        order.Subtotal = order.Lines.Sum(l => l.UnitPrice * l.Quantity);
        order.MainProductId = Order.MainProductOf(order.Lines);
        // Free shipping charges the fee and gives it back as the discount, as stores record a shipping coupon: paid once.
        order.Shipping = ShippingOn(order.Subtotal);
        order.Discount = DiscountOn(order.Subtotal, order.Lines.Sum(l => l.Quantity), percentOff, promotion);
        order.Total = order.Subtotal - order.Discount + order.Shipping;
        foreach (var line in order.Lines) line.Discount = order.Subtotal == 0 ? 0 : Math.Round(order.Discount * line.UnitPrice * line.Quantity / order.Subtotal, 2);
        return order;
    }

    private static decimal ShippingOn(decimal subtotal) => subtotal >= (decimal)DemoTruth.FreeShippingFrom ? 0 : ShippingFee;

    private static decimal DiscountOn(decimal subtotal, int items, decimal percentOff, Promotion? promotion) => promotion is not null
        ? Math.Round(promotion.CostOn(subtotal, ShippingOn(subtotal), subtotal / items), 2)
        : Math.Round(subtotal * percentOff / 100m, 2);

    /// <summary>The products and quantities of a purchase drawn around <paramref name="basket"/> (see <see cref="AddOrder"/>).</summary>
    private List<(Product Product, int Quantity)> DrawLines(Random rng, Profile p, Promotion? promotion, double basket)
    {
        var lines = new List<(Product Product, int Quantity)>();
        var categories = _categories;
        var home = categories[(int)(Hash(p.Customer.ExternalId) % (uint)categories.Count)];
        var target = (decimal)(0.9 * basket * LogNormal(rng, 0.3));
        var multiItem = p.Segment == DemoSegment.MultiItem;
        // Multi-item buyers buy several items per order: what a store can see of them before any bundle.
        var minItems = !multiItem ? 1
            : promotion is { Type: PromotionType.Bundle, BundleBuy: > 0, BundleGet: > 0 } ? promotion.BundleBuy!.Value + promotion.BundleGet!.Value : 2;
        decimal subtotal = 0;
        var items = 0;
        while (lines.Count < 8)
        {
            var quantity = rng.NextDouble() < (multiItem ? 0.6 : 0.85) ? 1 : 2;
            var aim = (target - subtotal) / Math.Max(1, minItems - items) / quantity;
            var product = Enumerable.Range(0, 5).Select(_ =>
            {
                var products = _productsByCategory[promotion?.CategoryId ?? (rng.NextDouble() < 0.6 ? home.Id : categories[rng.Next(categories.Count)].Id)];
                return products[rng.Next(products.Count)];
            }).MinBy(x => Math.Abs(x.Price - aim))!;
            var amount = product.Price * quantity;
            if (items >= minItems && Math.Abs(target - subtotal - amount) >= Math.Abs(target - subtotal)) break;
            lines.Add((product, quantity));
            subtotal += amount;
            items += quantity;
        }
        return lines;
    }

    private sealed record PastCampaign(string Name, int DaysAgo, int Days, CampaignStatus Status, Promotion Promotion, (string Arm, double Share, Promotion? Override)[] Arms, int Sample);

    private static Promotion Percent(decimal pct, Channel channel, string? code = null) => new() { Type = PromotionType.PercentDiscount, PercentOff = pct, Channel = channel, CouponCode = code };

    private void BuildCampaigns(DemoStore store, Random rng)
    {
        Guid Cat(string name) => store.Categories.First(c => c.Name == name).Id;
        Promotion Free(Channel channel) => new() { Type = PromotionType.FreeShipping, Channel = channel, CouponCode = "SHIPFREE" };
        Promotion AmountOff(decimal amount, decimal minimum, Channel channel, string code) =>
            new() { Type = PromotionType.FixedAmountOff, AmountOff = amount, MinimumSpend = minimum, Channel = channel, CouponCode = code };
        Promotion Bundle(int buy, int get, Channel channel, string code) => new() { Type = PromotionType.Bundle, BundleBuy = buy, BundleGet = get, Channel = channel, CouponCode = code };
        var past = new List<PastCampaign>
        {
            // A depth test: the same offer at four depths, from which a model learns each customer's response to depth.
            new("Depth Test 10/15/20/25% off", 345, 14, CampaignStatus.Completed, Percent(10, Channel.Email, "DEPTH10"),
                [("Control", 0.2, null), ("10% off", 0.2, null), ("15% off", 0.2, Percent(15, Channel.Email, "DEPTH15")),
                 ("20% off", 0.2, Percent(20, Channel.Email, "DEPTH20")), ("25% off", 0.2, Percent(25, Channel.Email, "DEPTH25"))], 10000),
            new("New Year Reset 15% off", 330, 14, CampaignStatus.Completed, Percent(15, Channel.Email, "RESET15"), [("Control", 0.5, null), ("15% off", 0.5, null)], 8000),
            new("Valentine's Beauty Free Shipping", 285, 10, CampaignStatus.Completed, new() { Type = PromotionType.FreeShipping, Channel = Channel.Push, CategoryId = Cat("Beauty") }, [("Control", 0.5, null), ("Free shipping", 0.5, null)], 6000),
            new("Spring Wardrobe 20% vs 10%", 240, 14, CampaignStatus.Completed, Percent(20, Channel.Email, "SPRING20"), [("Control", 0.34, null), ("20% off", 0.33, null), ("10% off", 0.33, Percent(10, Channel.Email, "SPRING10"))], 9000),
            new("Garden Days Buy 2 Get 1", 200, 14, CampaignStatus.Completed, new() { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1, Channel = Channel.OnsiteBanner, CategoryId = Cat("Garden") }, [("Control", 0.5, null), ("Bundle", 0.5, null)], 6000),
            // Multi-offer tests: which offer moves whom, each arm randomized against the same control.
            new("Offer Test: 15% vs Free Shipping vs 10 off 50 vs Buy 2 Get 1", 180, 14, CampaignStatus.Completed, Percent(15, Channel.Email, "MIX15"),
                [("Control", 0.2, null), ("15% off", 0.2, null), ("Free shipping", 0.2, Free(Channel.Email)),
                 ("10 off 50", 0.2, AmountOff(10, 50, Channel.Email, "MIX10")), ("Buy 2 get 1", 0.2, Bundle(2, 1, Channel.Email, "MIXB2G1"))], 10000),
            new("Summer Sale 25% off", 160, 14, CampaignStatus.Completed, Percent(25, Channel.Email, "SUMMER25"), [("Holdout", 0.2, null), ("25% off", 0.8, null)], 9000),
            new("Win-back 10 off 50", 120, 21, CampaignStatus.Completed, new() { Type = PromotionType.FixedAmountOff, AmountOff = 10, MinimumSpend = 50, Channel = Channel.Email, CouponCode = "COMEBACK10" }, [("Control", 0.5, null), ("10 off 50", 0.5, null)], 7000),
            new("Offer Test: 20% vs Free Shipping vs 5 off 30 vs Buy 3 Get 1", 100, 14, CampaignStatus.Completed, Percent(20, Channel.Push, "TRY20"),
                [("Control", 0.2, null), ("20% off", 0.2, null), ("Free shipping", 0.2, Free(Channel.Push)),
                 ("5 off 30", 0.2, AmountOff(5, 30, Channel.Push, "TRY5")), ("Buy 3 get 1", 0.2, Bundle(3, 1, Channel.Push, "TRYB3G1"))], 10000),
            new("Back to School Kids 15%", 90, 14, CampaignStatus.Completed, new() { Type = PromotionType.PercentDiscount, PercentOff = 15, Channel = Channel.Push, CategoryId = Cat("Toys & Kids") }, [("Control", 0.5, null), ("15% off", 0.5, null)], 6000),
            new("Outdoor Gear 10% vs Free Shipping", 60, 14, CampaignStatus.Completed, Percent(10, Channel.Email, "OUTDOOR10"), [("Control", 0.34, null), ("10% off", 0.33, null), ("Free shipping", 0.33, Free(Channel.Email))], 9000),
            new("Autumn Home 20% off", 35, 14, CampaignStatus.Completed, Percent(20, Channel.OnsiteBanner, "HOME20"), [("Control", 0.5, null), ("20% off", 0.5, null)], 8000),
            new("Singles Day Flash 30%", 16, 3, CampaignStatus.Completed, Percent(30, Channel.Push, "FLASH30"), [("Control", 0.5, null), ("30% off", 0.5, null)], 8000),
            new("Black Friday Early Access", 6, 14, CampaignStatus.Live, Percent(25, Channel.Email, "EARLY25"), [("Control", 0.5, null), ("25% off", 0.5, null)], 9000),
            new("Free Shipping Fortnight", 3, 14, CampaignStatus.Live, Free(Channel.OnsiteBanner), [("Holdout", 0.1, null), ("Free shipping", 0.9, null)], 7000),
        };
        foreach (var pc in past)
        {
            var campaign = new Campaign
            {
                Id = NextId(),
                Name = pc.Name,
                Promotion = pc.Promotion,
                // A test of several offers carries them all, in its arms' order, as a campaign built in the app does.
                AlternativeOffers = [.. pc.Arms.Select(a => a.Override).OfType<Promotion>()],
                StartsAt = _asOf.AddDays(-pc.DaysAgo).AddHours(9),
                EndsAt = _asOf.AddDays(-pc.DaysAgo + pc.Days).AddHours(9),
                Budget = pc.Sample * 2.5m,
                CreatedBy = "marketer@demo.local",
                CreatedAt = _asOf.AddDays(-pc.DaysAgo - 7),
            };
            campaign.RestoreStatus(pc.Status);
            store.Campaigns.Add(campaign);
            RunExperiment(store, rng, campaign, pc);
        }
        AddWorkflowExamples(store);
    }

    private void RunExperiment(DemoStore store, Random rng, Campaign campaign, PastCampaign pc)
    {
        var experiment = new Experiment
        {
            Id = NextId(),
            CampaignId = campaign.Id,
            Name = campaign.Name,
            Salt = $"demo{seed}-{store.Experiments.Count}",
            Status = pc.Status == CampaignStatus.Live ? ExperimentStatus.Running : ExperimentStatus.Stopped,
            StartedAt = campaign.StartsAt,
            EndedAt = pc.Status == CampaignStatus.Live ? null : campaign.EndsAt,
        };
        for (var i = 0; i < pc.Arms.Length; i++)
        {
            var arm = new Arm { Id = NextId(), ExperimentId = experiment.Id, Name = pc.Arms[i].Arm, Position = i, Allocation = pc.Arms[i].Share, IsControl = i == 0 };
            if (pc.Arms[i].Override is { } terms) arm.OverridePromotion(terms);
            experiment.Arms.Add(arm);
        }
        store.Experiments.Add(experiment);

        var eligible = _profiles.Where(p => p.Customer.SignedUpAt < campaign.StartsAt).ToList();
        var observedUntil = campaign.EndsAt < _asOf ? campaign.EndsAt : _asOf;
        var observedShare = (observedUntil - campaign.StartsAt).TotalDays / (campaign.EndsAt - campaign.StartsAt).TotalDays;
        // Under the global holdout, the sample is who qualified; those it holds out are left out and buy as with no offer.
        var holdoutInForce = _holdout is { } period && period.InForceAt(campaign.StartsAt) ? _holdout : null;
        foreach (var p in eligible.OrderBy(_ => rng.Next()).Take(pc.Sample))
        {
            var arm = experiment.PickArm(p.Customer.ExternalId);
            var assignedAt = campaign.StartsAt.AddMinutes(rng.Next(60 * 24));
            if (assignedAt > _asOf) continue;
            var heldOut = holdoutInForce?.Holds(p.Customer.Id) == true;
            if (holdoutInForce is not null)
                store.Qualifiers.Add(new CampaignQualifier { CampaignId = campaign.Id, CustomerId = p.Customer.Id, HeldOut = heldOut, QualifiedAt = campaign.StartsAt });
            if (!heldOut)
            {
                store.Assignments.Add(new Assignment { Id = NextId(), ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = p.Customer.Id, AssignedAt = assignedAt });
                store.Events.Add(new ExperimentEvent { EventKey = $"x-{experiment.Salt}-{p.Customer.ExternalId}", ExperimentId = experiment.Id, CustomerId = p.Customer.Id, ArmId = arm.Id, Type = EventType.Exposure, OccurredAt = assignedAt });
            }

            var promotion = arm.IsControl || heldOut ? null : pc.Arms[arm.Position].Override ?? pc.Promotion;
            var response = DemoTruth.Response(p.Segment, p.OrderValue, promotion);
            if (holdoutInForce is not null && promotion is not null) CountEffect(p, promotion, response, observedShare);
            if (rng.NextDouble() >= response.Probability * observedShare) continue;
            var convertedAt = assignedAt.AddHours(rng.NextDouble() * (observedUntil - assignedAt).TotalHours);
            var order = AddOrder(store, rng, p, convertedAt, 0, promotion, heldOut ? null : campaign.Id, response.Basket);
            if (heldOut) continue;
            store.Events.Add(new ExperimentEvent { EventKey = $"c-{experiment.Salt}-{p.Customer.ExternalId}", ExperimentId = experiment.Id, CustomerId = p.Customer.Id, ArmId = arm.Id, Type = EventType.Conversion, OccurredAt = convertedAt, Revenue = order.Total });
        }
    }

    /// <summary>What an offer truly adds in expectation over buying with none, for a customer of the programme it reached.</summary>
    private void CountEffect(Profile p, Promotion promotion, DemoResponse response, double observedShare)
    {
        var none = DemoTruth.Response(p.Segment, p.OrderValue, null);
        var (revenue, margin) = ExpectedPaid(p, promotion, response.Basket);
        var (revenueNone, marginNone) = ExpectedPaid(p, null, none.Basket);
        _extraOrders += observedShare * (response.Probability - none.Probability);
        _extraRevenue += observedShare * (response.Probability * revenue - none.Probability * revenueNone);
        _extraMargin += observedShare * (response.Probability * margin - none.Probability * marginNone);
    }

    /// <summary>The mean paid revenue and margin of a purchase drawn as <see cref="NewOrder"/> draws a campaign's, over draws of a stream of their own.</summary>
    private (double Revenue, double Margin) ExpectedPaid(Profile p, Promotion? promotion, double basket)
    {
        double revenue = 0, margin = 0;
        for (var k = 0; k < PaidDraws; k++)
        {
            var lines = DrawLines(_paidDraws, p, promotion, basket);
            var subtotal = lines.Sum(l => l.Product.Price * l.Quantity);
            var paid = subtotal - DiscountOn(subtotal, lines.Sum(l => l.Quantity), 0, promotion);
            revenue += (double)paid;
            margin += (double)(paid - lines.Sum(l => l.Product.Cost * l.Quantity));
        }
        return (revenue / PaidDraws, margin / PaidDraws);
    }

    /// <summary>
    /// The true effect of the campaigns since the global holdout started (<see cref="DemoProgrammeEffect"/>), after
    /// <see cref="Generate"/> with a <see cref="DemoHoldout"/>.
    /// </summary>
    public DemoProgrammeEffect TrueProgrammeEffect()
    {
        var period = _holdout ?? throw new InvalidOperationException("The store was generated without a global holdout.");
        var held = _profiles.Count(p => period.Holds(p.Customer.Id));
        var programme = _profiles.Count - held;
        return new DemoProgrammeEffect(programme, held, _extraOrders / programme, _extraRevenue / programme, _extraMargin / programme);
    }

    /// <summary>
    /// A generated customer's true chance to buy in a campaign's two-week window and the expected gross basket of that
    /// purchase, under any offer at any depth (no offer when <paramref name="promotion"/> is null), for benchmarks that
    /// score models against the truth (a real store never knows it).
    /// </summary>
    public DemoResponse TrueResponse(string externalId, Promotion? promotion)
    {
        var p = ProfileOf(externalId);
        return DemoTruth.Response(p.Segment, p.OrderValue, promotion);
    }

    /// <summary>
    /// <paramref name="draws"/> purchases under the offer, drawn as the store's campaign purchases are (around
    /// <see cref="TrueResponse"/>'s expected basket, whole products) from a stream of the customer's own: each one's gross
    /// basket and what the offer gave away on it (the discount, or the shipping fee waived). Benchmarks price offers on
    /// these rather than on the mean basket: free shipping waives the fee on every basket below the threshold, however
    /// large the mean, and a bundle gives away items of the basket's own prices.
    /// </summary>
    public (double Basket, double GivenAway)[] TruePurchases(string externalId, Promotion? promotion, int draws)
    {
        var p = ProfileOf(externalId);
        var basket = DemoTruth.Response(p.Segment, p.OrderValue, promotion).Basket;
        var rng = new Random(unchecked((int)Hash(externalId) ^ seed));
        return Enumerable.Range(0, draws).Select(_ =>
        {
            var lines = DrawLines(rng, p, promotion, basket);
            var subtotal = lines.Sum(l => l.Product.Price * l.Quantity);
            return ((double)subtotal, promotion is null ? 0.0 : (double)DiscountOn(subtotal, lines.Sum(l => l.Quantity), 0, promotion));
        }).ToArray();
    }

    /// <summary>The true effect of a promotion on a generated customer's chance to buy in a two-week window.</summary>
    public double TrueEffect(string externalId, Promotion promotion) =>
        TrueResponse(externalId, promotion).Probability - TrueResponse(externalId, null).Probability;

    /// <summary>
    /// Every generated customer's true future as of the end of history (<see cref="DemoCustomerTruth"/>), for benchmarks
    /// and tests that judge customer models against it. The realized orders are drawn from a stream of their own (the same
    /// for one seed) and are never stored. Expected spend takes a usual order's paid amount as its basket less the mean
    /// discount of the customer's segment, plus shipping under the free-shipping threshold.
    /// </summary>
    public IReadOnlyList<DemoCustomerTruth> TrueFuture()
    {
        var rng = new Random(seed + 8);
        var names = _categories.ToDictionary(c => c.Id, c => c.Name);
        var categoryOf = _productsByCategory.SelectMany(kv => kv.Value).ToDictionary(p => p.Id, p => names[p.CategoryId]);
        var end = _asOf.AddDays(DemoCustomerTruth.ValueDays);
        var truths = new List<DemoCustomerTruth>(_profiles.Count);
        foreach (var p in _profiles)
        {
            var (perDay, drift) = (PerYear(p.Segment) / 365, p.Drift);
            double Paid(double basket) => basket * (1 - DiscountUse(p.Segment) * 0.125) + (basket < DemoTruth.FreeShippingFrom ? (double)ShippingFee : 0);
            var (usualPaid, extraPaid) = (Paid(p.OrderValue), Paid(p.OrderValue * drift.Spend));
            double churn = 0, purchase = 0, expected = 0, spend = 0;
            for (var day = 0; day < DemoCustomerTruth.ValueDays; day++)
            {
                var (usual, extra) = (perDay * drift.Usual(day + 0.5), perDay * drift.Extra(day + 0.5));
                expected += usual + extra;
                spend += usual * usualPaid + extra * extraPaid;
                if (day + 1 == DemoCustomerTruth.PurchaseDays) purchase = expected;
                if (day + 1 == DemoCustomerTruth.ChurnDays) churn = expected;
            }
            var orders = new List<DemoFutureOrder>();
            foreach (var extra in new[] { false, true })
                foreach (var placed in Arrivals(rng, p, _asOf, end, extra))
                {
                    var percent = rng.NextDouble() < DiscountUse(p.Segment) ? (decimal)(5 * (1 + rng.Next(4))) : 0m;
                    var order = NewOrder(rng, p, placed, percent, null, null, extra ? p.OrderValue * drift.Spend : p.OrderValue);
                    var main = order.MainProductId!.Value;
                    orders.Add(new DemoFutureOrder(placed, order.Total, order.Discount, main, categoryOf[main]));
                }
            orders.Sort((a, b) => a.PlacedAt.CompareTo(b.PlacedAt));
            truths.Add(new DemoCustomerTruth(p.Customer.Id, p.Customer.ExternalId, p.Segment, drift.Trajectory,
                Math.Exp(-churn), 1 - Math.Exp(-purchase), expected, spend, orders));
        }
        return truths;
    }

    /// <summary>A generated customer's hidden segment, for benchmarks and tests that break results down by it.</summary>
    public DemoSegment SegmentOf(string externalId) => ProfileOf(externalId).Segment;

    private Profile ProfileOf(string externalId)
    {
        _byExternalId ??= _profiles.ToDictionary(p => p.Customer.ExternalId, StringComparer.Ordinal);
        return _byExternalId.TryGetValue(externalId, out var profile) ? profile
            : throw new ArgumentException($"Customer {externalId} was not generated by this generator.", nameof(externalId));
    }

    private Dictionary<string, Profile>? _byExternalId;

    private void AddWorkflowExamples(DemoStore store)
    {
        Campaign Draft(string name, int startInDays, Promotion promotion, decimal budget) => new()
        {
            Id = NextId(), Name = name, Promotion = promotion, Budget = budget, CreatedBy = "marketer@demo.local",
            StartsAt = _asOf.AddDays(startInDays).AddHours(9), EndsAt = _asOf.AddDays(startInDays + 14).AddHours(9),
            CreatedAt = _asOf.AddDays(-2),
        };
        var draft = Draft("Christmas Gift Guide 15%", 10, Percent(15, Channel.Email, "GIFT15"), 20000);
        var pending = Draft("Cyber Monday Electronics 20%", 4, Percent(20, Channel.Push, "CYBER20"), 15000);
        pending.Submit("marketer@demo.local");
        var rejected = Draft("January Clearance 60%", 36, Percent(60, Channel.OnsiteBanner, "CLEAR60"), 50000);
        rejected.Submit("marketer@demo.local");
        rejected.Reject("manager@demo.local", "60% is below cost on most lines; propose 30% and a category limit.");
        var approved = Draft("Winter Boots Free Shipping", 7, new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Email, CouponCode = "BOOTSHIP" }, 8000);
        approved.Submit("marketer@demo.local");
        approved.Approve("manager@demo.local", "Good targeting; go.", []);
        store.Campaigns.AddRange([draft, pending, rejected, approved]);
    }

    private static readonly Dictionary<(Channel, Tone), string[]> HeadlineTemplates = ByChannelAndTone(DemoCopyTemplates.Headlines);
    private static readonly Dictionary<(Channel, Tone), string[]> BodyTemplates = ByChannelAndTone(DemoCopyTemplates.Bodies);

    private static Dictionary<(Channel, Tone), string[]> ByChannelAndTone(IEnumerable<DemoCopyTemplate> templates) =>
        templates.GroupBy(t => (t.Channel, t.Tone)).ToDictionary(g => g.Key, g => g.Select(t => t.Text).ToArray());

    private void BuildCopy(DemoStore store, Random rng)
    {
        var promotions = new (PromotionType Type, Func<Random, string> Offer)[]
        {
            (PromotionType.PercentDiscount, r => $"{5 * (2 + r.Next(5))}% off"),
            (PromotionType.FixedAmountOff, r => $"{5 * (1 + r.Next(4))} off"),
            (PromotionType.FreeShipping, _ => "free shipping"),
            (PromotionType.Bundle, _ => "buy 2 get 1 free"),
        };
        for (var i = 0; i < 3000; i++)
        {
            var channel = (Channel)rng.Next(3);
            var tone = (Tone)rng.Next(4);
            var (type, offer) = promotions[rng.Next(promotions.Length)];
            var category = store.Categories[rng.Next(store.Categories.Count)];
            var product = _productsByCategory[category.Id][rng.Next(_productsByCategory[category.Id].Count)];
            string Fill(string template)
            {
                var text = template.Replace("{offer}", offer(rng)).Replace("{category}", category.Name.ToLowerInvariant())
                    .Replace("{product}", product.Name).Replace("{name}", DemoCatalog.FirstNames[rng.Next(DemoCatalog.FirstNames.Length)])
                    .Replace("{code}", $"SAVE{rng.Next(10, 99)}").Replace("{end}", "Sunday");
                return char.ToUpperInvariant(text[0]) + text[1..];
            }
            var headlines = HeadlineTemplates[(channel, tone)];
            var headline = Fill(headlines[rng.Next(headlines.Length)]);
            var body = BodyTemplates.TryGetValue((channel, tone), out var bodies) ? Fill(bodies[rng.Next(bodies.Length)]) : null;
            var impressions = 300 + rng.Next(6000);
            var ctr = TrueClickThrough(channel, tone, type, headline);
            var clicks = Math.Max(0, (int)Math.Round(impressions * ctr + Normal(rng) * Math.Sqrt(impressions * ctr * (1 - ctr))));
            store.Copy.Add(new CopyVariant
            {
                Id = NextId(),
                Channel = channel, Tone = tone, PromotionType = type, CategoryId = category.Id, Headline = headline, Body = body,
                Source = CopySource.Historical, Impressions = impressions, Clicks = clicks,
                CreatedAt = _asOf.AddDays(-rng.Next(365)),
            });
        }
    }

    /// <summary>The hidden click-through of a line of copy: channel sets the base, wording moves it.</summary>
    private static double TrueClickThrough(Channel channel, Tone tone, PromotionType type, string headline)
    {
        var ctr = channel switch { Channel.Email => 0.035, Channel.Push => 0.05, _ => 0.012 };
        if (headline.Any(char.IsDigit)) ctr *= 1.25;
        if (headline.Contains("free", StringComparison.OrdinalIgnoreCase)) ctr *= 1.3;
        if (headline.Contains("you", StringComparison.OrdinalIgnoreCase)) ctr *= 1.15;
        if (tone == Tone.Urgent && channel == Channel.Push) ctr *= 1.35;
        if (tone == Tone.Premium) ctr *= 0.85;
        if (type == PromotionType.FreeShipping) ctr *= 1.1;
        if (headline.Length > 45) ctr *= 0.8;
        return Math.Min(ctr, 0.5);
    }

    private void ComputeBehaviour(DemoStore store)
    {
        var byCustomer = store.Orders.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        var categoryOf = store.Products.ToDictionary(p => p.Id, p => p.CategoryId);
        var exposures = store.Events.Where(e => e.Type == EventType.Exposure).GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.Count());
        var conversions = store.Events.Where(e => e.Type == EventType.Conversion).GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var p in _profiles)
        {
            var c = p.Customer;
            var b = c.Behaviour;
            b.ComputedAt = _asOf;
            var seen = exposures.GetValueOrDefault(c.Id);
            b.Engagement = seen == 0 ? 0 : Math.Round((double)conversions.GetValueOrDefault(c.Id) / seen, 4);
            if (!byCustomer.TryGetValue(c.Id, out var orders)) continue;
            b.OrderCount = orders.Count;
            b.TotalSpend = orders.Sum(o => o.Total);
            b.AverageOrderValue = Math.Round(b.TotalSpend / orders.Count, 2);
            b.FirstOrderAt = orders.Min(o => o.PlacedAt);
            b.LastOrderAt = orders.Max(o => o.PlacedAt);
            b.DiscountShare = Math.Round(orders.Count(o => o.Discount > 0) / (double)orders.Count, 4);
            b.ItemCount = orders.Sum(o => o.Lines.Sum(l => l.Quantity));
            b.TopCategoryId = orders.SelectMany(o => o.Lines).GroupBy(l => categoryOf[l.ProductId])
                .OrderByDescending(g => g.Sum(l => l.Quantity)).First().Key;
        }
    }

    private static int Skewed(Random rng, int n) => Math.Min(n - 1, (int)(n * Math.Pow(rng.NextDouble(), 1.4)));

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double LogNormal(Random rng, double sigma) => Math.Exp(sigma * Normal(rng) - sigma * sigma / 2);

    private static int Poisson(Random rng, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var product = rng.NextDouble(); product > limit; product *= rng.NextDouble()) k++;
        return k;
    }

    private static uint Hash(string s)
    {
        var h = 2166136261u;
        foreach (var ch in s) h = (h ^ ch) * 16777619u;
        return h;
    }
}
