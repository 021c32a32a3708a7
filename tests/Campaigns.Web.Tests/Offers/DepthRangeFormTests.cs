using Bunit;
using Campaigns.Application.Offers;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Features.Offers.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Offers;

public class DepthRangeFormTests : ComponentTest
{
    private static readonly Promotion FifteenOff = new() { Type = PromotionType.PercentDiscount, PercentOff = 15 };

    private IRenderedComponent<DepthRangeForm> Form(Action<DepthRange> applied, IReadOnlyList<FieldError>? errors = null) =>
        Render<DepthRangeForm>(p => p.Add(f => f.Template, FifteenOff).Add(f => f.Initial, new DepthRange(10, 25, 5))
            .Add(f => f.Errors, errors ?? []).Add(f => f.OnApply, applied));

    [Fact]
    public void The_range_previews_its_depths_and_applies_them()
    {
        DepthRange? applied = null;
        var form = Form(r => applied = r);

        Assert.Contains("15% off", form.Find("[data-testid=depth-range]").TextContent);
        Assert.Contains("Depths: 10%, 15%, 20%, 25%", form.Find("[data-testid=depth-preview]").TextContent);
        form.Find("[data-testid=depth-max]").Change("20");
        Assert.Contains("Depths: 10%, 15%, 20%", form.Find("[data-testid=depth-preview]").TextContent);
        Assert.DoesNotContain("25%", form.Find("[data-testid=depth-preview]").TextContent);
        form.Find("[data-testid=apply-depths]").Click();
        Assert.Equal(new DepthRange(10, 20, 5), applied);
    }

    [Fact]
    public void A_range_with_more_than_five_depths_shows_the_error_at_the_step_and_applies_nothing()
    {
        DepthRange? applied = null;
        var form = Form(r => applied = r);

        form.Find("[data-testid=depth-min]").Change("5");
        form.Find("[data-testid=depth-max]").Change("50");
        Assert.Empty(form.FindAll("[data-testid=depth-preview]"));
        form.Find("[data-testid=apply-depths]").Click();
        Assert.Null(applied);
        Assert.Contains("more than 5 depths", form.Markup);
    }

    [Fact]
    public void The_largest_depth_must_be_above_the_smallest_and_the_use_cases_errors_show_by_field()
    {
        var form = Form(_ => { });
        form.Find("[data-testid=depth-min]").Change("30");
        form.Find("[data-testid=apply-depths]").Click();
        Assert.Contains("must be above the smallest (30%)", form.Markup);

        var refused = Form(_ => { }, [new FieldError("Max", "A discount can be at most 90% (got 95%).")]);
        Assert.Contains("at most 90%", refused.Markup);
    }
}
