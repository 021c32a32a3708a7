using Bunit;
using Campaigns.Data.Identity;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Layout;

public class NavMenuTests : ComponentTest
{
    private string[] LinksFor(string role)
    {
        SignInAs(role);
        var menu = Render<NavHost>();
        return menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToArray();
    }

    [Fact]
    public void A_marketer_sees_campaign_work_and_customers_but_not_users_jobs_models_or_results()
    {
        var links = LinksFor(Roles.Marketer);
        Assert.Contains("campaigns", links);
        Assert.Contains("audiences", links);
        Assert.Contains("customers", links);
        Assert.Contains("imports", links);
        Assert.DoesNotContain("admin/users", links);
        Assert.DoesNotContain("admin/jobs", links);
        Assert.DoesNotContain("admin/models", links);
        Assert.DoesNotContain("admin/audit", links);
        Assert.DoesNotContain("experiments", links);
        Assert.DoesNotContain("programme", links);
        Assert.DoesNotContain("models/signoffs", links);
    }

    [Fact]
    public void A_manager_also_sees_experiments_and_model_sign_offs_but_not_the_models_page()
    {
        var links = LinksFor(Roles.Manager);
        Assert.Contains("experiments", links);
        Assert.Contains("models/signoffs", links);
        Assert.Contains("programme", links);
        Assert.DoesNotContain("admin/models", links);
        Assert.DoesNotContain("admin/users", links);
    }

    [Fact]
    public void An_admin_sees_every_section()
    {
        var links = LinksFor(Roles.Admin);
        Assert.Superset(new HashSet<string> { "", "campaigns", "experiments", "audiences", "customers", "copy", "models/signoffs", "admin/models", "admin/jobs", "admin/users", "admin/audit", "admin/api-keys", "imports", "programme" }, links.ToHashSet());
    }
}
