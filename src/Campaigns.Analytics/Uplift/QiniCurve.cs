namespace Campaigns.Analytics.Uplift;

// Radcliffe, "Using control groups to target on predicted lift", Direct Marketing Analytics Journal 2007 (scikit-uplift qini_curve):
// Q(n) = Y_T(n) − Y_C(n)·N_T(n)/N_C(n), the ratio taken as 0 while the prefix holds no control row.
public static class QiniCurve
{
    public static double Value(int treated, double treatedOutcome, int control, double controlOutcome) =>
        treatedOutcome - controlOutcome * (control > 0 ? (double)treated / control : 0);
}
