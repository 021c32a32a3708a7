namespace Campaigns.Analytics.Customers;

// The Hungarian method for the minimum-cost assignment (Kuhn 1955; the O(n³) potentials form of Jonker–Volgenant).
public static class Hungarian
{
    /// <summary>For a rows × columns cost matrix with rows ≤ columns, the column assigned to each row.</summary>
    public static int[] Assign(double[,] cost)
    {
        var (n, m) = (cost.GetLength(0), cost.GetLength(1));
        if (n > m) throw new ArgumentException("The cost matrix needs at least as many columns as rows.");
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOf = new int[m + 1]; // 1-based row matched to each column, 0 = none
        var way = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            rowOf[0] = i;
            var j0 = 0;
            var minimum = Enumerable.Repeat(double.MaxValue, m + 1).ToArray();
            var used = new bool[m + 1];
            do
            {
                used[j0] = true;
                var (i0, delta, j1) = (rowOf[j0], double.MaxValue, 0);
                for (var j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    var current = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (current < minimum[j]) (minimum[j], way[j]) = (current, j0);
                    if (minimum[j] < delta) (delta, j1) = (minimum[j], j);
                }
                for (var j = 0; j <= m; j++)
                    if (used[j]) { u[rowOf[j]] += delta; v[j] -= delta; }
                    else minimum[j] -= delta;
                j0 = j1;
            } while (rowOf[j0] != 0);
            do
            {
                var j1 = way[j0];
                rowOf[j0] = rowOf[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        var assignment = new int[n];
        for (var j = 1; j <= m; j++) if (rowOf[j] > 0) assignment[rowOf[j] - 1] = j - 1;
        return assignment;
    }
}
