namespace Campaigns.Analytics.Offers;

/// <summary>
/// Chooses an offer (or none) per customer on expected incremental profit, within a budget on expected spend.
/// Options come flat, customer by customer: <c>options[i * offers + k]</c> is offer k for customer i.
/// </summary>
/// <remarks>
/// A multiple-choice knapsack solved greedily on its LP relaxation: each customer's offers that pay are reduced to the
/// upper concave frontier of (spend, profit) from "none" at (0, 0), and the steps along the frontiers are taken in
/// falling profit per unit of spend while the budget lasts. A customer's first step is the offer that earns most per unit
/// of budget, often a cheaper one; later steps move them up to dearer offers that earn more in all. Without a budget every
/// step is taken, so each customer ends on the offer with the highest profit, or none when no offer pays.
/// </remarks>
public static class OfferPlanner
{
    /// <summary>The choice of a customer who gets no offer.</summary>
    public const int None = -1;

    private const int CurvePoints = 100;

    /// <param name="allowed">When set, only these offers may be chosen (a plan with one offer is today's single-offer targeting).</param>
    /// <exception cref="ArgumentException">A non-finite value, a probability outside [0, 1], a negative budget or a ragged list.</exception>
    public static OfferPlan Plan(IReadOnlyList<OfferOption> options, int offers, double? budget = null, IReadOnlySet<int>? allowed = null)
    {
        Validate(options, offers, budget);
        var customers = options.Count / offers;
        var steps = Steps(options, offers, allowed);
        steps.Sort(ByEfficiency);

        var choice = new int[customers];
        Array.Fill(choice, None);
        var blocked = budget is null ? null : new bool[customers];
        double spend = 0;
        foreach (var step in steps)
        {
            if (blocked is not null)
            {
                if (blocked[step.Customer]) continue;
                // A step that does not fit ends its customer's climb (later steps build on it); cheaper steps of others may still fit.
                if (spend + step.Spend > budget!.Value)
                {
                    blocked[step.Customer] = true;
                    continue;
                }
            }
            spend += step.Spend;
            choice[step.Customer] = step.Offer;
        }

        var perOffer = new int[offers];
        foreach (var c in choice) if (c != None) perOffer[c]++;
        var value = Value(options, offers, choice);
        return new OfferPlan(choice, perOffer, value, Curve(steps, value), budget);
    }

    /// <summary>Every customer given offer <paramref name="offer"/>, whatever it earns: the "one offer for everyone" benchmark.</summary>
    public static PlanValue Everyone(IReadOnlyList<OfferOption> options, int offers, int offer)
    {
        Validate(options, offers, null);
        if ((uint)offer >= (uint)offers) throw new ArgumentOutOfRangeException(nameof(offer), $"Offer {offer} is not in 0..{offers - 1}.");
        return Value(options, offers, Enumerable.Repeat(offer, options.Count / offers).ToArray());
    }

    /// <summary>The expected profit, interval and spend of a choice per customer (<see cref="None"/> adds nothing).</summary>
    public static PlanValue Value(IReadOnlyList<OfferOption> options, int offers, IReadOnlyList<int> choice)
    {
        double profit = 0, variance = 0, spend = 0;
        var treated = 0;
        for (var i = 0; i < choice.Count; i++)
        {
            if (choice[i] == None) continue;
            var o = options[i * offers + choice[i]];
            profit += o.Profit;
            variance += o.Variance;
            spend += o.Spend;
            treated++;
        }
        var half = Normal.Quantile(0.975) * Math.Sqrt(variance);
        return new PlanValue(profit, profit - half, profit + half, spend, treated);
    }

    private readonly record struct Step(int Customer, int Offer, double Spend, double Profit, double Variance);

    /// <summary>Each customer's frontier steps: from none to the most efficient paying offer, then up to dearer ones that earn more.</summary>
    private static List<Step> Steps(IReadOnlyList<OfferOption> options, int offers, IReadOnlySet<int>? allowed)
    {
        var steps = new List<Step>(options.Count / offers);
        var candidates = new int[offers];
        var hull = new int[offers];
        for (var i = 0; i < options.Count / offers; i++)
        {
            var n = 0;
            for (var k = 0; k < offers; k++)
                if (options[i * offers + k].Profit > 0 && (allowed is null || allowed.Contains(k))) candidates[n++] = k;
            // Cheapest first; at equal spend the more profitable first, so the other is dropped as dominated.
            Array.Sort(candidates, 0, n, Comparer<int>.Create((a, b) =>
            {
                var (x, y) = (options[i * offers + a], options[i * offers + b]);
                var c = x.Spend.CompareTo(y.Spend);
                return c != 0 ? c : y.Profit.CompareTo(x.Profit);
            }));
            var h = 0;
            for (var j = 0; j < n; j++)
            {
                var next = options[i * offers + candidates[j]];
                var last = h == 0 ? default : options[i * offers + hull[h - 1]];
                if (h > 0 && next.Profit <= last.Profit) continue;
                // Drop the last frontier point while it lies on or below the line from the one before it to the new point.
                while (h > 0)
                {
                    var (s0, p0) = h > 1 ? (options[i * offers + hull[h - 2]].Spend, options[i * offers + hull[h - 2]].Profit) : (0.0, 0.0);
                    var l = options[i * offers + hull[h - 1]];
                    if ((l.Profit - p0) * (next.Spend - l.Spend) > (next.Profit - l.Profit) * (l.Spend - s0)) break;
                    h--;
                }
                hull[h++] = candidates[j];
            }
            OfferOption previous = default;
            for (var j = 0; j < h; j++)
            {
                var o = options[i * offers + hull[j]];
                steps.Add(new Step(i, hull[j], o.Spend - previous.Spend, o.Profit - previous.Profit, o.Variance - previous.Variance));
                previous = o;
            }
        }
        return steps;
    }

    /// <summary>Most profit per unit of spend first (a free step first of all); ties by more profit, then customer order.</summary>
    private static int ByEfficiency(Step a, Step b)
    {
        // a before b when a.Profit / a.Spend > b.Profit / b.Spend, compared without dividing by a zero spend.
        var c = (b.Profit * a.Spend).CompareTo(a.Profit * b.Spend);
        if (c == 0) c = b.Profit.CompareTo(a.Profit);
        return c != 0 ? c : a.Customer.CompareTo(b.Customer);
    }

    /// <summary>Profit against spend as the budget rises along the steps, about <see cref="CurvePoints"/> points and the plan's own.</summary>
    private static IReadOnlyList<BudgetPoint> Curve(List<Step> steps, PlanValue chosen)
    {
        var z = Normal.Quantile(0.975);
        var points = new List<BudgetPoint> { new(0, 0, 0, 0) };
        double spend = 0, profit = 0, variance = 0;
        var every = Math.Max(1, steps.Count / CurvePoints);
        for (var j = 0; j < steps.Count; j++)
        {
            (spend, profit, variance) = (spend + steps[j].Spend, profit + steps[j].Profit, variance + steps[j].Variance);
            if ((j + 1) % every != 0 && j != steps.Count - 1) continue;
            var half = z * Math.Sqrt(Math.Max(0, variance));
            points.Add(new BudgetPoint(spend, profit, profit - half, profit + half));
        }
        points.Add(new BudgetPoint(chosen.Spend, chosen.Profit, chosen.Low, chosen.High));
        return points.OrderBy(p => p.Spend).ThenBy(p => p.Profit).ToList();
    }

    private static void Validate(IReadOnlyList<OfferOption> options, int offers, double? budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (offers < 1) throw new ArgumentException("A plan needs at least one offer.", nameof(offers));
        if (options.Count % offers != 0) throw new ArgumentException($"{options.Count} options are not {offers} per customer.", nameof(options));
        if (budget is { } b && !(b >= 0 && double.IsFinite(b))) throw new ArgumentException("The budget must be a finite amount of at least 0.", nameof(budget));
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            if (!double.IsFinite(o.ValueIfBuys) || !double.IsFinite(o.ValueIfNone) || !double.IsFinite(o.CostIfBuys) || o.CostIfBuys < 0)
                throw new ArgumentException($"Customer {i / offers}, offer {i % offers}: a value or cost is not a finite amount (cost at least 0).");
            if (o.PBuy is not (>= 0 and <= 1) || o.PNone is not (>= 0 and <= 1))
                throw new ArgumentException($"Customer {i / offers}, offer {i % offers}: a probability is outside [0, 1].");
        }
    }
}
