using Campaigns.Application.Programme;
using Campaigns.Web.Security;

namespace Campaigns.Web.Features.Programme;

public static class ProgrammeExtensions
{
    /// <summary>The programme report as JSON and CSV, for Managers and Admins like the experiments' results.</summary>
    public static void MapProgrammeEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Campaigns");
        api.MapGet("/programme/results", async (ProgrammeResults results, CancellationToken ct) =>
                await results.ReadAsync(ct: ct) is { } report ? Results.Ok(report) : NotStarted())
            .RequireAuthorization(Policies.Review)
            .WithSummary("The whole programme against the global holdout since it started: incremental orders, revenue and margin per month and in all, "
                + "with 95% intervals (CUPED on the pre-period), discounts given, and byChannel[]: programmeQualifiers and holdoutQualifiers (customers who qualified for "
                + "the channel's campaigns launched since the start, in the programme and held out), incrementalOrders, incrementalRevenue and incrementalMargin "
                + "(the windows' shape: incremental {value, low, high} and perCustomer; intent to treat on those qualifiers), or null with noEstimate saying why, "
                + "and attributedOrders, attributedRevenue and discountCost (orders naming the channel's campaigns: attributed, not a causal estimate).");
        api.MapGet("/programme/results.csv", async (ProgrammeResults results, CancellationToken ct) =>
                await results.ReadAsync(ct: ct) is { } report
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(ProgrammeCsv.Write(report)), "text/csv", "programme.csv")
                    : NotStarted())
            .RequireAuthorization(Policies.Review)
            .WithSummary("The programme report as CSV.");
    }

    private static IResult NotStarted() =>
        Results.Problem(statusCode: 404, title: "No global holdout", detail: "No global holdout has started yet, so the programme is not measured. An Admin sets one on the Programme page.");
}
