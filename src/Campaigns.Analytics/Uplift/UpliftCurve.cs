namespace Campaigns.Analytics.Uplift;

// Devriendt, Guns & Verbeke, "Learning to rank for uplift modeling", 2020 (scikit-uplift uplift_curve):
// U(n) = (Y_T/N_T − Y_C/N_C)·n, an arm's mean taken as 0 while the prefix holds none of its rows.
public static class UpliftCurve
{
    public static double Value(int treated, double treatedOutcome, int control, double controlOutcome) =>
        ((treated > 0 ? treatedOutcome / treated : 0) - (control > 0 ? controlOutcome / control : 0)) * (treated + control);
}
