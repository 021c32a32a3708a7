namespace Campaigns.Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md, checked on the compiled code: inner projects use no framework of the outer
/// ones, and project references point inwards only (Web, Cli, Benchmarks → Application → Data, Ml, Analytics, Imports → Domain).
/// </summary>
public sealed class LayerRules
{
    private const string EfCore = "Microsoft.EntityFrameworkCore", AspNetCore = "Microsoft.AspNetCore", MudBlazor = "MudBlazor", Hangfire = "Hangfire";
    private static readonly string[] Web = [AspNetCore, MudBlazor, Hangfire];

    /// <summary>Which projects each project may reference; a project not listed may reference none.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Campaigns.Domain"] = [],
        ["Campaigns.Analytics"] = ["Campaigns.Domain"],
        ["Campaigns.Data"] = ["Campaigns.Domain"],
        ["Campaigns.Ml"] = ["Campaigns.Domain", "Campaigns.Analytics"],
        ["Campaigns.Imports"] = ["Campaigns.Domain", "Campaigns.Data"],
        ["Campaigns.Application"] = ["Campaigns.Domain", "Campaigns.Analytics", "Campaigns.Data", "Campaigns.Ml", "Campaigns.Imports"],
        ["Campaigns.Migrations.Sqlite"] = ["Campaigns.Data"],
        ["Campaigns.Migrations.SqlServer"] = ["Campaigns.Data"],
        ["Campaigns.Migrations.Postgres"] = ["Campaigns.Data"],
        ["Campaigns.Web"] = [.. Hosts()],
        ["Campaigns.Cli"] = [.. Hosts()],
        ["Campaigns.Benchmarks"] = [.. Hosts()],
    };

    private static IEnumerable<string> Hosts() =>
        ["Campaigns.Domain", "Campaigns.Analytics", "Campaigns.Data", "Campaigns.Ml", "Campaigns.Imports", "Campaigns.Application", "Campaigns.Migrations.Sqlite", "Campaigns.Migrations.SqlServer", "Campaigns.Migrations.Postgres"];

    [Theory]
    [InlineData("Campaigns.Domain")]
    [InlineData("Campaigns.Analytics")]
    public void The_inner_rings_use_no_framework(string project) =>
        Assert.Empty(TypeDependencies.Violations(project, [EfCore, .. Web, "Microsoft.ML", "TorchSharp"]));

    [Theory]
    [InlineData("Campaigns.Imports")]
    [InlineData("Campaigns.Ml")]
    public void Imports_and_models_use_no_web_framework(string project) => Assert.Empty(TypeDependencies.Violations(project, Web));

    /// <summary>
    /// The Admins' user operations are use cases over Identity's user store, so Application uses its <c>UserManager</c>
    /// (namespace Microsoft.AspNetCore.Identity, from Microsoft.Extensions.Identity.Core: a class library, not the web
    /// framework). Nothing else of Microsoft.AspNetCore may appear there: sign-in and cookies stay in Web.
    /// </summary>
    [Fact]
    public void Use_cases_use_no_web_framework_but_Identitys_user_store() =>
        Assert.Empty(TypeDependencies.Violations("Campaigns.Application", Web, $"{AspNetCore}.Identity"));

    /// <summary>
    /// Data keeps the sign-in accounts and the data-protection keys in the database, so it uses the entity types of
    /// ASP.NET Core Identity's stores (namespace Microsoft.AspNetCore.Identity, from Microsoft.Extensions.Identity.Stores
    /// and Microsoft.AspNetCore.Identity.EntityFrameworkCore) and the key store's (Microsoft.AspNetCore.DataProtection,
    /// from Microsoft.AspNetCore.DataProtection.EntityFrameworkCore): class libraries over EF Core, not the web framework.
    /// Nothing else of Microsoft.AspNetCore (HTTP, hosting, routing, components, authentication) may appear there.
    /// </summary>
    [Fact]
    public void Data_uses_of_ASP_NET_Core_only_the_Identity_and_key_stores_entities() =>
        Assert.Empty(TypeDependencies.Violations("Campaigns.Data", Web, $"{AspNetCore}.Identity", $"{AspNetCore}.DataProtection"));

    [Fact]
    public void The_model_code_uses_no_EF_Core() => Assert.Empty(TypeDependencies.Violations("Campaigns.Ml", [EfCore]));

    [Fact]
    public void Domain_uses_no_other_project() => Assert.Empty(TypeDependencies.Violations("Campaigns.Domain", ["Campaigns"], "Campaigns.Domain"));

    [Fact]
    public void Project_references_point_inwards_and_no_project_references_a_host()
    {
        var projects = ProjectReferences.All();
        Assert.Equal(Allowed.Keys.Order(), projects.Keys.Order());
        Assert.Empty(projects.SelectMany(p => ProjectReferences.Violations(p.Key, p.Value, Allowed[p.Key])));
    }

    /// <summary>The checks above must be able to fail: the web project breaks both, and each says where.</summary>
    [Fact]
    public void The_rules_report_a_forbidden_reference_by_type_and_by_project()
    {
        var web = TypeDependencies.Violations("Campaigns.Web", Web);
        Assert.Contains(web, v => v.StartsWith("Campaigns.Web.") && v.Contains(" uses Microsoft.AspNetCore.Builder.WebApplication"));
        Assert.Contains(web, v => v.Contains(" uses MudBlazor."));

        var webReferences = ProjectReferences.Of(Path.Combine(ProjectReferences.Root, "src/Campaigns.Web/Campaigns.Web.csproj"));
        Assert.Contains("Campaigns.Web references Campaigns.Application", ProjectReferences.Violations("Campaigns.Web", webReferences, Allowed["Campaigns.Domain"]));
    }
}
