using Campaigns.Application;
using Campaigns.Web.Features.Account;
using Campaigns.Web.Features.Audiences;
using Campaigns.Web.Features.Campaigns;
using Campaigns.Web.Features.Copy;
using Campaigns.Web.Features.Customers;
using Campaigns.Web.Features.Experiments;
using Campaigns.Web.Features.Health;
using Campaigns.Web.Features.Imports;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Features.Models;
using Campaigns.Web.Features.Programme;
using Campaigns.Web.Features.Users;
using Campaigns.Web.Hosting;

namespace Campaigns.Web.Features;

public static class FeaturesExtensions
{
    public static void AddCampaignsFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddUsers();
        builder.AddIntegration();
        builder.AddImports();
        builder.AddCampaignsApplication();
        builder.AddModels();
        builder.AddCustomerScoring();
        builder.AddCopyBandit();
        builder.AddHealth();
    }

    public static void MapCampaignsEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapHealthEndpoints();
        app.MapJobsDashboard();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/openapi", () => Results.Redirect("/openapi/v1.json")).AllowAnonymous().ExcludeFromDescription();
        app.MapIntegrationEndpoints();
        app.MapImportEndpoints();
        app.MapCampaignEndpoints();
        app.MapAudienceEndpoints();
        app.MapCopyEndpoints();
        app.MapModelEndpoints();
        app.MapExperimentEndpoints();
        app.MapProgrammeEndpoints();

    }
}
