using Bunit;
using Campaigns.Data.Identity;
using Campaigns.Domain.Models;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Tests.Dashboard;

/// <summary>The dashboard over the seeded app's services: what each role sees and what the models panel says.</summary>
public class DashboardTests : ComponentTest, IClassFixture<SeededApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SeededApp _store;

    public DashboardTests(SeededApp store)
    {
        _store = store;
        UseAppServices(store.App.Services);
    }

    [Fact]
    public async Task A_kind_with_only_a_candidate_says_which_version_awaits_promotion_not_that_none_was_trained()
    {
        await using (var db = _store.App.OpenDatabase())
        {
            await db.ModelVersions.Where(m => m.Kind == ModelKind.OfferTargeting).ExecuteDeleteAsync();
            db.ModelVersions.Add(new ModelVersion
            {
                Kind = ModelKind.OfferTargeting, Version = 3, Learner = "S", Status = ModelStatus.Candidate, ArtifactSha256 = "-", TriggeredBy = "test", MeetsBar = false,
            });
            await db.SaveChangesAsync();
        }
        SignInAs(Roles.Marketer);

        var page = Render<DashboardHost>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=model-in-use]")), Wait);
        var rows = page.FindAll("[data-testid=model-in-use]").Select(c => c.ParentElement!.TextContent.Trim()).ToList();
        Assert.Contains(rows, r => r.StartsWith("Offer choice") && r.EndsWith("none in use: v3 awaits promotion on the Models page"));
        Assert.Contains(rows, r => r.StartsWith("Customer insights") && r.EndsWith("none trained yet"));
    }

    [Fact]
    public void A_Marketer_sees_no_experiment_results_and_the_side_panels_spread_across_the_page()
    {
        SignInAs(Roles.Marketer);

        var page = Render<DashboardHost>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=customer-outlook]")), Wait);
        Assert.DoesNotContain("Latest experiment results", page.Markup);
        Assert.Equal(3, page.FindAll(".mud-grid-item-md-6.mud-grid-item-lg-4").Count);
    }

    [Fact]
    public void A_Manager_sees_the_experiment_results_beside_a_column_of_side_panels()
    {
        SignInAs(Roles.Manager);

        var page = Render<DashboardHost>();

        page.WaitForAssertion(() => Assert.Contains("Latest experiment results", page.Markup), Wait);
        Assert.Empty(page.FindAll(".mud-grid-item-md-6"));
        Assert.Equal(3, page.FindAll(".mud-grid-item-md-12.mud-grid-item-lg-12").Count);
    }
}
