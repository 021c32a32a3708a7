namespace Campaigns.Analytics.Uplift;

// Trapezoidal areas (sklearn.metrics.auc) under the Qini and uplift curves from (0, 0) through the end of each tie group:
// rows with equal scores are added first and the curves move in one step when the group is closed.
internal struct CurveIntegrator
{
    public int Treated, Control;
    public double TreatedOutcome, ControlOutcome;
    public double Qini, Uplift, QiniArea, UpliftArea;
    private int _closedCount;

    public readonly int Count => Treated + Control;

    public void Add(bool treated, double outcome)
    {
        if (treated) { Treated++; TreatedOutcome += outcome; }
        else { Control++; ControlOutcome += outcome; }
    }

    public void Add(int treated, double treatedOutcome, int control, double controlOutcome)
    {
        Treated += treated; TreatedOutcome += treatedOutcome;
        Control += control; ControlOutcome += controlOutcome;
    }

    public void Close()
    {
        var qini = QiniCurve.Value(Treated, TreatedOutcome, Control, ControlOutcome);
        var uplift = UpliftCurve.Value(Treated, TreatedOutcome, Control, ControlOutcome);
        var step = Count - _closedCount;
        QiniArea += step * (Qini + qini) / 2;
        UpliftArea += step * (Uplift + uplift) / 2;
        (Qini, Uplift, _closedCount) = (qini, uplift, Count);
    }
}
