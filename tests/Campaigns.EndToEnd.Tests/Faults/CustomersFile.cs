using System.Text;

namespace Campaigns.EndToEnd.Tests.Faults;

/// <summary>
/// A customers CSV for the import crash tests: one new customer per row (ids <see cref="Prefix"/> and the row number),
/// every thousandth row naming a device that does not exist, so the run has rejected rows before and after any batch.
/// </summary>
public static class CustomersFile
{
    public const string Prefix = "FAULT-";
    private const int InvalidEvery = 1000;

    public static bool IsInvalid(long row) => row % InvalidEvery == 0;

    public static List<long> InvalidRows(int rows) => Enumerable.Range(1, rows).Select(r => (long)r).Where(IsInvalid).ToList();

    /// <summary>The row an imported customer id came from.</summary>
    public static long RowOf(string externalId) => long.Parse(externalId[Prefix.Length..]);

    public static byte[] Generate(int rows)
    {
        var text = new StringBuilder("external_id,email,region,device\n");
        for (var row = 1; row <= rows; row++)
            text.Append(Prefix).Append(row.ToString("D7")).Append(",c").Append(row).Append("@example.org,North,").Append(IsInvalid(row) ? "Toaster" : "Mobile").Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
