namespace Campaigns.Analytics.Targeting;

// A prospect's outcome as independent Bernoulli potential outcomes Y_T ~ B(p_T), Y_C ~ B(p_C) (Rubin's model):
// conversions Y_T − Y_C have variance p_T(1 − p_T) + p_C(1 − p_C); profit (m − c)·Y_T − m·Y_C has variance
// (m − c)²·p_T(1 − p_T) + m²·p_C(1 − p_C). Sums over independent prospects add; intervals are normal, ± z·√ΣVar.
public static class ProfitVariance
{
    public static double Conversions(in Prospect p) => p.PTreated * (1 - p.PTreated) + p.PControl * (1 - p.PControl);

    public static double Profit(in Prospect p)
    {
        var treated = p.Margin - p.CostIfBuys;
        return treated * treated * p.PTreated * (1 - p.PTreated) + p.Margin * p.Margin * p.PControl * (1 - p.PControl);
    }
}
