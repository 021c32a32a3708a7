using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Faults;

/// <summary>The first start under SIGKILL: a user who stops it while the demo store is written loses nothing they need.</summary>
public sealed class StartupCrashTests(ITestOutputHelper output)
{
    private const int Customers = 20_000;

    [Fact]
    public async Task A_first_start_killed_while_it_seeds_the_demo_store_has_printed_its_sign_ins_and_seeds_the_store_on_the_next_start()
    {
        await using var app = CrashableApp.Launch(Customers, output);
        await app.Process.WaitForOutputAsync("Seeding the demo store", TimeSpan.FromMinutes(3));
        // Anywhere from generating the store to writing it: a different point of the seeding in each run.
        var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(3000));
        await Task.Delay(delay);
        await app.KillAsync();
        output.WriteLine($"Killed {delay.TotalMilliseconds:0} ms into seeding");
        // The accounts are created before the store: the next start finds them and prints nothing, so this was the one chance.
        Assert.Contains(app.Process.Output, l => l.Contains(CrashableApp.AdminEmail, StringComparison.Ordinal));

        await app.RestartAsync();
        await using (var db = app.OpenDatabase())
            Assert.Equal(Customers, await db.Customers.CountAsync());
        using (await app.SignedInAdminAsync()) { }
        await app.AssertEveryRunReadableAsync();
        Assert.Empty(app.Process.Failures);
    }
}
