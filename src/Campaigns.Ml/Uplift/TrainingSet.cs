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
        if (options.Folds is < 2 or > MaxFolds) throw new ArgumentException($"Folds must be between 2 and {MaxFolds}, not {options.Folds}.");
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
    /// <summary>Keeps every fold with a few rows of each arm at <see cref="MinRowsPerArm"/>.</summary>
    public const int MaxFolds = 10;

    /// <summary>The given rows grouped by arm.</summary>
    public int[][] ByArm(int[] rows)
    {
        var groups = Enumerable.Range(0, Arms).Select(_ => new List<int>()).ToArray();
        foreach (var row in rows) groups[Arm[row]].Add(row);
        return groups.Select(g => g.ToArray()).ToArray();
    }

    /// <summary>
    /// K disjoint folds, each stratified by arm x (outcome non-zero), dealt from a random sample of at most
    /// <paramref name="cap"/> rows (every stratum sampled at the same rate); each fold's rows in ascending order.
    /// </summary>
    public int[][] Folds(int folds, int cap, int seed)
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
        var dealt = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        var next = 0;
        foreach (var key in strata.Keys.Order())
        {
            var rows = strata[key].ToArray();
            random.Shuffle(rows);
            // Dealing continues where the previous stratum stopped, so fold sizes differ by at most one row.
            foreach (var row in rows.AsSpan(0, (int)Math.Round(rows.Length * keep)))
            {
                dealt[next].Add(row);
                next = (next + 1) % folds;
            }
        }
        return dealt.Select(f => f.Order().ToArray()).ToArray();
    }
}
