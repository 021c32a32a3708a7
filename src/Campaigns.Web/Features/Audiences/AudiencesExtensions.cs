using System.Globalization;
using System.Text;
using Campaigns.Application.Audiences;
using Campaigns.Imports.Csv;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Security;

namespace Campaigns.Web.Features.Audiences;

/// <summary>The saved audience as CSV: for marketers in the browser and for a sender over the API.</summary>
public static class AudiencesExtensions
{
    public static void MapAudienceEndpoints(this WebApplication app)
    {
        app.MapGet("/campaigns/{id:guid}/audience.csv", ExportAsync).RequireAuthorization(Policies.Marketing).ExcludeFromDescription();
        app.MapGet("/api/campaigns/{id:guid}/audience.csv", ExportAsync).RequireAuthorization(IntegrationExtensions.AssignPolicy)
            .WithTags("Integration")
            .WithSummary("The campaign's saved audience as CSV (external_id, email, cell, rank, predicted_uplift, expected_profit), best first.")
            .Produces(200, contentType: "text/csv").ProducesProblem(404);
    }

    /// <summary>Streams members in rank order straight from the database to the response.</summary>
    private static async Task<IResult> ExportAsync(Guid id, SavedAudiences audiences, HttpContext http, CancellationToken ct)
    {
        if (await audiences.AudienceOfAsync(id, ct) is not { } audience)
            return Results.Problem(statusCode: 404, title: "No audience", detail: $"Campaign {id} has no saved audience. Build and save one on the campaign's Audience page.");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audience-{id}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("external_id,email,cell,rank,predicted_uplift,expected_profit,churn_risk,purchase_probability,predicted_value_12m,persona,top_categories,recommended_product");
        await foreach (var r in audiences.MembersAsync(audience, ct))
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{CsvText.Cell(r.ExternalId)},{CsvText.Cell(r.Email ?? "")},{r.Cell},{r.Rank},{r.PredictedUplift:0.######},{r.ExpectedProfit:0.##},{r.ChurnRisk:0.####},{r.PurchaseProbability:0.####},{r.PredictedValue:0.##},{CsvText.Cell(r.Persona ?? "")},{CsvText.Cell(string.Join('|', r.TopCategories ?? []))},{CsvText.Cell(r.RecommendedProduct ?? "")}"));
        return Results.Empty;
    }
}
