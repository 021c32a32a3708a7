namespace Campaigns.Web.Hosting;

public sealed class DemoOptions
{
    public const string Section = "Demo";
    /// <summary>The demo accounts' password as the README publishes it.</summary>
    public const string PublishedPassword = "Campaigns-demo-1";

    /// <summary>Seed a demo store, with one user per role, into a database that holds no store yet.</summary>
    public bool Enabled { get; set; } = true;
    [System.ComponentModel.DataAnnotations.Range(1, 2_000_000)]
    public int Customers { get; set; } = 50_000;
    public int Seed { get; set; } = 42;
    /// <summary>
    /// Share of the demo's customers in a global holdout that started 125 days before the store's last day, so the
    /// Programme page has months to measure; 0 (the default) seeds none, as a store that has not set one.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, Domain.Programme.HoldoutPeriod.MaxShare)]
    public double HoldoutShare { get; set; }
    /// <summary>Password of the demo users (demo only; a production install disables Demo).</summary>
    [System.ComponentModel.DataAnnotations.MinLength(10)]
    public string Password { get; set; } = PublishedPassword;
    /// <summary>
    /// Whether Production may start while an account still has the demo password: true for a demo deliberately run in
    /// Production, false never. Unset, only a build run from source may (the README's <c>dotnet run</c>, recognised by
    /// the build's static web assets manifest beside the binaries), never a published build.
    /// </summary>
    public bool? AllowInProduction { get; set; }

    public bool AllowsDemoPasswordsInProduction =>
        AllowInProduction ?? File.Exists(Path.Combine(AppContext.BaseDirectory, $"{typeof(DemoOptions).Assembly.GetName().Name}.staticwebassets.runtime.json"));
}
