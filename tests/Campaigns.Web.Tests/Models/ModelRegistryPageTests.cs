using AngleSharp.Dom;
using Bunit;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Models;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Models;

/// <summary>The Models and sign-off pages rendered by bUnit over the real app's services, with two trained uplift versions.</summary>
public class ModelRegistryPageTests : ComponentTest, IClassFixture<TwoModelSeededApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TwoModelSeededApp _store;

    public ModelRegistryPageTests(TwoModelSeededApp store)
    {
        _store = store;
        UseAppServices(store.App.Services);
    }

    private IRenderedComponent<ModelsHost> RenderPage(string role = "Admin", bool signOffs = false)
    {
        SignInAs(role);
        var page = Render<ModelsHost>(p => p.Add(h => h.SignOffs, signOffs));
        if (!signOffs) page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=version-v2]")), Wait);
        return page;
    }

    /// <summary>MudBlazor puts a field's user attributes on its input element, or on a wrapper around it.</summary>
    private static IElement Input(IRenderedComponent<ModelsHost> page, string testId) =>
        page.FindAll($"input[data-testid={testId}], textarea[data-testid={testId}]").FirstOrDefault() ?? page.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea");

    [Fact]
    public async Task The_versions_table_shows_each_versions_learner_status_metric_and_the_action_it_allows()
    {
        await _store.ResetVersionsAsync(candidateGain: 0.01);
        await using var db = _store.App.OpenDatabase();
        var v1 = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Version == 1);

        var page = RenderPage();

        var row1 = page.Find("[data-testid=version-v1]");
        Assert.Contains(EnumWords.Learner(v1.Learner), row1.TextContent);
        Assert.Contains(Display.Number(v1.MainMetric!.Value, 3), row1.TextContent);
        Assert.Contains(Display.Count(v1.RowCount), row1.TextContent);
        Assert.Contains($"{v1.DataFrom:yyyy-MM-dd} → {v1.DataTo:yyyy-MM-dd}", row1.TextContent);
        Assert.Contains("tests", row1.TextContent);
        Assert.Equal("Current", page.Find("[data-testid=status-v1]").TextContent.Trim());
        Assert.Equal("Candidate", page.Find("[data-testid=status-v2]").TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=promote-v2]"));
        Assert.Empty(page.FindAll("[data-testid=promote-v1]"));
        Assert.Empty(page.FindAll("[data-testid=rollback-v1]"));
        // Every kind has a training job, so each can be trained now or scheduled.
        Assert.NotEmpty(page.FindAll("[data-testid=train-uplift]"));
        Assert.NotEmpty(page.FindAll("[data-testid=schedule-UpliftTargeting]"));
        foreach (var kind in new[] { ModelKind.CopyGenerator, ModelKind.CtrRanker })
        {
            Assert.NotEmpty(page.FindAll($"[data-testid=train-{kind}]"));
            Assert.NotEmpty(page.FindAll($"[data-testid=schedule-{kind}]"));
        }

        page.Find("[data-testid=details-v1]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=uplift-details] [data-testid=qini-curve]")), Wait);
        // The candidate's cross-validated Qini with its standard error across the folds.
        var candidate = UpliftModelMetrics.FromJson(v1.MetricsJson)!.Candidates.Single();
        Assert.Equal($"{Display.Number(candidate.QiniCoefficient, 3)} ± {Display.Number(candidate.QiniStandardError, 3)}",
            page.Find("[data-testid=uplift-details] [data-testid=candidate-qini]").TextContent);
        Assert.Contains("3-fold cross-validation", page.Find("[data-testid=cross-validation]").TextContent);
    }

    [Fact]
    public async Task A_versions_details_list_its_features_with_the_custom_attributes_it_learned_from()
    {
        await using (var db = _store.App.OpenDatabase())
        {
            var v2 = await db.ModelVersions.SingleAsync(v => v.Kind == ModelKind.UpliftTargeting && v.Version == 2);
            var features = UpliftFeatureList.FromJson(v2.FeaturesJson)!;
            Assert.Empty(features.Attributes ?? []);
            v2.FeaturesJson = (features with
            {
                Numeric = [.. features.Numeric, "attr:visits"],
                Categorical = [.. features.Categorical, "attr:loyalty_tier"],
                Attributes = [new AttributeFeature("loyalty_tier", AttributeKind.Categorical, 0.8, ["gold", "silver"]), new AttributeFeature("visits", AttributeKind.Numeric, 0.95)],
            }).ToJson();
            await db.SaveChangesAsync();
        }

        var page = RenderPage();
        page.Find("[data-testid=details-v2]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=uplift-features]")), Wait);
        var text = page.Find("[data-testid=uplift-features]").TextContent;
        Assert.Contains("recency_days", text);
        Assert.Contains("attr:loyalty_tier (gold, silver, (other); 80% of rows)", text);
        Assert.Contains("attr:visits (numeric, 95% of rows)", text);

        page.Find("[data-testid=details-v1]").Click();
        page.WaitForAssertion(() => Assert.Contains("No custom attributes", page.Find("[data-testid=uplift-features]").TextContent), Wait);
    }

    [Fact]
    public void The_schedule_preview_follows_the_cron_expression_as_it_is_typed()
    {
        var page = RenderPage();
        Assert.Contains("every Monday at 03:00 UTC", page.Find("[data-testid=schedule-description]").TextContent);

        Input(page, "schedule-cron").Input("30 4 * * 2");
        page.WaitForAssertion(() => Assert.Contains("every Tuesday at 04:30 UTC", page.Find("[data-testid=schedule-description]").TextContent), Wait);
        var runs = page.FindAll("[data-testid=models-UpliftTargeting] [data-testid=schedule-next-runs] li");
        Assert.Equal(5, runs.Count);
        Assert.All(runs, r => Assert.Matches(@"^Tue \d{4}-\d{2}-\d{2} 04:30 UTC$", r.TextContent));

        Input(page, "schedule-cron").Input("30 4 * *");
        page.WaitForAssertion(() => Assert.Contains("this one has 4", page.Find("[data-testid=schedule-UpliftTargeting]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=models-UpliftTargeting] [data-testid=schedule-description]"));
        Assert.True(page.Find("[data-testid=save-schedule]").HasAttribute("disabled"));
    }

    [Fact]
    public void Ticking_two_versions_compares_them_with_both_qini_curves_and_the_random_line()
    {
        var page = RenderPage();
        Assert.Empty(page.FindAll("[data-testid=compare-qini]"));

        Input(page, "compare-v1").Change(true);
        Input(page, "compare-v2").Change(true);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=compare-qini]")), Wait);
        Assert.Equal(3, page.FindAll("[data-testid=compare-qini] polyline").Count);
        var chart = page.Find("[data-testid=compare-qini]").TextContent;
        Assert.Contains("v1 (", chart);
        Assert.Contains("v2 (", chart);
        Assert.Contains("Random targeting", chart);
        var metrics = page.Find("[data-testid=comparison-metrics]").TextContent;
        Assert.Contains("Candidates' Qini coefficient", metrics);
        Assert.Contains("AUUC", metrics);
    }

    [Fact]
    public async Task Promoting_a_worse_candidate_asks_for_a_reason_and_says_a_manager_must_sign_off()
    {
        await _store.ResetVersionsAsync(candidateGain: -0.05);
        var page = RenderPage();

        page.Find("[data-testid=promote-v2]").Click();
        Assert.True(page.Find("[data-testid=confirm-operation]").HasAttribute("disabled"));
        Input(page, "operation-reason").Input("Better calibrated on recent campaigns");
        page.Find("[data-testid=confirm-operation]").Click();

        page.WaitForAssertion(() => Assert.Contains("a Manager must sign off first", page.Find("[data-testid=operation-result]").TextContent), Wait);
        page.WaitForAssertion(() => Assert.Contains("awaiting sign-off", page.Find("[data-testid=version-v2]").TextContent), Wait);
        Assert.Equal("Current", page.Find("[data-testid=status-v1]").TextContent.Trim());
        var promote = page.Find("[data-testid=promote-v2]");
        Assert.True(promote.HasAttribute("disabled"), "A second request for the same version cannot be made.");
        Assert.Contains("Sign-off requested", promote.TextContent);
        Assert.Single(page.FindAll("[data-testid=operation-result]"));

    }

    [Fact]
    public async Task A_manager_sees_the_metric_comparison_and_approves_a_pending_request()
    {
        await _store.ResetVersionsAsync(candidateGain: -0.05);
        await using (var scope = _store.App.Services.CreateAsyncScope())
        {
            await using var db = _store.App.OpenDatabase();
            var v2 = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Version == 2);
            Assert.False((await scope.ServiceProvider.GetRequiredService<ModelOperations>().PromoteAsync(v2.Id, "admin@test", "Better calibrated on recent campaigns")).Succeeded);
        }

        var signOffs = RenderPage("Manager", signOffs: true);
        signOffs.WaitForAssertion(() => Assert.NotEmpty(signOffs.FindAll("[data-testid=signoff-UpliftTargeting-v2]")), Wait);
        var request = signOffs.Find("[data-testid=signoff-UpliftTargeting-v2]").TextContent;
        Assert.Contains("admin@test", request);
        Assert.Contains("Better calibrated on recent campaigns", request);
        Assert.Contains("−0.050", request);
        Assert.True(signOffs.Find("[data-testid=signoff-refuse]").HasAttribute("disabled"));

        signOffs.Find("[data-testid=signoff-approve]").Click();

        signOffs.WaitForAssertion(() => Assert.Contains("v2 is now current", signOffs.Find("[data-testid=signoff-result]").TextContent), Wait);
        Assert.NotEmpty(signOffs.FindAll("[data-testid=no-signoffs]"));
        await using var check = _store.App.OpenDatabase();
        Assert.Equal(ModelStatus.Current, (await check.ModelVersions.AsNoTracking().SingleAsync(v => v.Version == 2)).Status);
    }
}
