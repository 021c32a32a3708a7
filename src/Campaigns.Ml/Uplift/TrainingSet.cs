namespace Campaigns.Ml.Uplift;

/// <summary>A validated dataset encoded once, shared by every candidate learner and the final refit.</summary>
internal sealed class TrainingSet
{
    private readonly Lazy<float[]> _standardized;

    private TrainingSet(UpliftDataset data, UpliftTrainingOptions options)
    {
        Data = data;
        Options = options;
        Encoding = FeatureEncoding.Fit(data);
        X = Encoding.Encode(data, standardize: false);
        _standardized = new Lazy<float[]>(() => Encoding.Encode(data, standardize: true));
        Arm = data.ArmColumn.ToArray();
        Y = data.OutcomeColumn.ToArray();
    }

    public UpliftDataset Data { get; }
    public UpliftTrainingOptions Options { get; }
    public FeatureEncoding Encoding { get; }
    public int Width => Encoding.Width;
    public int Arms => Data.Arms.Count;
    /// <summary>Features as trees take them (NaN = missing).</summary>
    public float[] X { get; }
    /// <summary>Features imputed and standardized, for the neural net.</summary>
    public float[] Standardized => _standardized.Value;
    public int[] Arm { get; }
    public float[] Y { get; }

    /// <summary>Checks the data can train an uplift model; ArgumentException with a one-line message otherwise.</summary>
    public static TrainingSet Create(UpliftDataset data, UpliftTrainingOptions options)
    {
        if (data.Count == 0) throw new ArgumentException("There are no rows to train on.");
        if (options.ValidationShare is <= 0 or >= 1) throw new ArgumentException("ValidationShare must be between 0 and 1.");
        var perArm = new int[data.Arms.Count];
        foreach (var arm in data.ArmColumn) perArm[arm]++;
        var withRows = Enumerable.Range(0, perArm.Length).Where(a => perArm[a] > 0).ToList();
        if (withRows.Count < 2)
            throw new ArgumentException($"Only one arm ('{data.Arms[withRows[0]]}') has rows; uplift needs a control and at least one treatment.");
        for (var a = 0; a < perArm.Length; a++)
            if (perArm[a] < MinRowsPerArm)
                throw new ArgumentException($"Arm '{data.Arms[a]}' has {perArm[a]} rows; uplift needs at least {MinRowsPerArm} per arm.");
        var outcomes = data.OutcomeColumn;
        if (outcomes.ContainsAnyExcept(outcomes[0]))
        {
            foreach (var y in outcomes)
            {
                if (!float.IsFinite(y)) throw new ArgumentException("The outcome has a missing or infinite value; every training row needs one.");
                if (options.BinaryOutcome && y is not (0 or 1)) throw new ArgumentException($"The outcome has the value {y}, but a binary outcome must be 0 or 1.");
            }
        }
        else throw new ArgumentException($"The outcome is {outcomes[0]} in every row; there is no effect to learn.");
        return new TrainingSet(data, options);
    }

    public const int MinRowsPerArm = 20;

    /// <summary>The given rows grouped by arm.</summary>
    public int[][] ByArm(int[] rows)
    {
        var groups = Enumerable.Range(0, Arms).Select(_ => new List<int>()).ToArray();
        foreach (var row in rows) groups[Arm[row]].Add(row);
        return groups.Select(g => g.ToArray()).ToArray();
    }

    /// <summary>
    /// A stratified (arm x outcome non-zero) random split of at most <paramref name="cap"/> rows into training and validation.
    /// </summary>
    public (int[] Train, int[] Valid) Split(double validationShare, int cap, int seed)
    {
        var random = new Random(seed);
        var keep = Math.Min(1.0, (double)cap / Data.Count);
        var strata = new Dictionary<int, List<int>>();
        for (var row = 0; row < Data.Count; row++)
        {
            var key = Arm[row] * 2 + (Y[row] != 0 ? 1 : 0);
            if (!strata.TryGetValue(key, out var list)) strata[key] = list = [];
            list.Add(row);
        }
        var (train, valid) = (new List<int>(), new List<int>());
        foreach (var key in strata.Keys.Order())
        {
            var rows = strata[key].ToArray();
            random.Shuffle(rows);
            var taken = (int)Math.Round(rows.Length * keep);
            var held = (int)Math.Round(taken * validationShare);
            valid.AddRange(rows.AsSpan(0, held));
            train.AddRange(rows.AsSpan(held, taken - held));
        }
        train.Sort();
        valid.Sort();
        return (train.ToArray(), valid.ToArray());
    }
}
