using Campaigns.Application.Dashboard;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Imports;

namespace Campaigns.Application.Tests.Common.Caching;

public sealed class StoreTotalsTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task Customers_added_by_an_import_are_counted_at_the_next_read()
    {
        var totals = new StoreTotals(database.Factory);
        await using (var db = database.Open())
        {
            db.Customers.Add(new Customer { ExternalId = "A", Region = "North" });
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, (await totals.ReadAsync()).Customers);

        await using (var db = database.Open())
        {
            db.Customers.AddRange(new Customer { ExternalId = "B", Region = "North" }, new Customer { ExternalId = "C", Region = "South" });
            db.ImportRuns.Add(new ImportRun { Kind = ImportKind.Customers, FileName = "customers.csv", TriggeredBy = "tests", LastCommittedRow = 2 });
            await db.SaveChangesAsync();
        }
        Assert.Equal(3, (await totals.ReadAsync()).Customers);
    }
}
