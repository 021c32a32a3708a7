namespace Campaigns.Web.Components.Charts;

/// <summary>
/// An axis range fitted to the data: padded a little so no point sits on the frame, widened to round ticks
/// (1, 2, 2.5 or 5 times a power of ten) and, for values measured against zero, stretched to keep zero in view.
/// </summary>
public sealed record AxisScale(double Min, double Max, double Step)
{
    /// <summary>The round values from <see cref="Min"/> to <see cref="Max"/>, one <see cref="Step"/> apart.</summary>
    public IReadOnlyList<double> Ticks =>
        Enumerable.Range(0, (int)Math.Round((Max - Min) / Step) + 1).Select(i => Math.Round(Min + i * Step, 12)).ToList();

    /// <summary>A scale for values from <paramref name="low"/> to <paramref name="high"/> with about <paramref name="ticks"/> ticks.</summary>
    /// <param name="includeZero">Keep zero on the axis (lifts, profit); off for an axis that merely counts from its first value.</param>
    /// <param name="padding">Share of the data's span added beyond each end that is not zero.</param>
    /// <param name="whole">Ticks at whole numbers only (days, counts): steps of 1, 2 or 5 times a power of ten, at least 1.</param>
    public static AxisScale For(double low, double high, bool includeZero = true, int ticks = 5, double padding = 0.05, bool whole = false)
    {
        if (low > high) (low, high) = (high, low);
        if (includeZero) (low, high) = (Math.Min(low, 0), Math.Max(high, 0));
        var span = high - low;
        if (span <= 0) span = Math.Abs(high) > 0 ? Math.Abs(high) : 1;
        if (low != 0) low -= span * padding;
        if (high != 0) high += span * padding;
        var rough = (high - low) / Math.Max(1, ticks - 1);
        var step = whole ? Math.Max(1, NiceStep(rough, allowQuarter: false)) : NiceStep(rough);
        var min = Math.Floor(low / step + 1e-9) * step;
        var max = Math.Ceiling(high / step - 1e-9) * step;
        if (max - min < step) max = min + step;
        return new AxisScale(min, max, step);
    }

    /// <summary>Decimals a tick label needs to show a multiple of this step exactly (2.5 → 1, 0.25 → 2).</summary>
    public static int DecimalsOf(double step)
    {
        var decimals = 0;
        while (decimals < 6 && Math.Abs(step * Math.Pow(10, decimals) - Math.Round(step * Math.Pow(10, decimals))) > 1e-6) decimals++;
        return decimals;
    }

    private static double NiceStep(double rough, bool allowQuarter = true)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : allowQuarter && fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10);
    }
}
