namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>A class fixture: one started app (migrated, demo store seeded) shared by a test class's tests.</summary>
public class SeededApp : IDisposable
{
    public AppFactory App { get; }

    public SeededApp() : this(400) { }

    protected SeededApp(int customers, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        App = new AppFactory(customers: customers, configure: configure);
        App.AnonymousClient();
    }

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A store large enough for experiment results to have traffic in every arm and segment.</summary>
public sealed class LargerSeededApp() : SeededApp(3000);
