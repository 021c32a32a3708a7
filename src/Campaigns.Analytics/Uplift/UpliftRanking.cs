namespace Campaigns.Analytics.Uplift;

// The ranking scikit-uplift evaluates: np.argsort(score, kind="mergesort")[::-1], i.e. score descending and, among equal
// scores, the later row first (the tie order matters only where a cut falls inside a tie group: uplift@k, deciles).
// LSD radix sort (Knuth, TAOCP vol. 3, 5.2.5) on order-preserving 64-bit keys of the scores: stable, so feeding the rows
// last-first gives the tie order, and O(n) — a million rows sort in tens of milliseconds.
internal static class UpliftRanking
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;
    private const ulong SignBit = 1UL << 63;

    /// <summary>Row indexes in rank order.</summary>
    public static int[] Order(ReadOnlySpan<double> score)
    {
        var n = score.Length;
        var keys = new ulong[n];
        var rows = new int[n];
        var counts = new int[Digits * Buckets];
        for (var i = 0; i < n; i++)
        {
            var row = n - 1 - i;
            var key = DescendingKey(score[row]);
            (keys[i], rows[i]) = (key, row);
            for (var d = 0; d < Digits; d++) counts[d * Buckets + Digit(key, d * DigitBits)]++;
        }

        var sortedKeys = new ulong[n];
        var sortedRows = new int[n];
        for (var d = 0; d < Digits; d++)
        {
            var offsets = counts.AsSpan(d * Buckets, Buckets);
            var shift = d * DigitBits;
            if (offsets[Digit(keys[0], shift)] == n) continue;   // every key shares this digit
            for (int b = 0, start = 0; b < Buckets; b++) (offsets[b], start) = (start, start + offsets[b]);
            for (var i = 0; i < n; i++)
            {
                var at = offsets[Digit(keys[i], shift)]++;
                (sortedKeys[at], sortedRows[at]) = (keys[i], rows[i]);
            }
            (keys, sortedKeys, rows, sortedRows) = (sortedKeys, keys, sortedRows, rows);
        }
        return rows;
    }

    private static int Digit(ulong key, int shift) => (int)((key >> shift) & (Buckets - 1));

    // IEEE bits flipped so unsigned order is descending score order; + 0.0 folds −0 into +0 so they tie.
    private static ulong DescendingKey(double score)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(score + 0.0);
        return (bits & SignBit) != 0 ? bits : ~bits & ~SignBit;
    }
}
