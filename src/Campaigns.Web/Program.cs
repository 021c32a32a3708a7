using Campaigns.Data;
using Campaigns.Web.Components;
using Campaigns.Web.Features;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Hosting;
using Campaigns.Web.Security;

var builder = WebApplication.CreateBuilder(HostingExtensions.Options(args));

builder.AddRepositorySettings();
builder.AddCampaignsHosting();
builder.AddCampaignsData();
builder.AddCampaignsSecurity();
builder.AddCampaignsJobs();
builder.AddCampaignsFeatures();
builder.AddCampaignsUi();

var app = builder.Build();

await app.InitializeStoreAsync();

app.UseCampaignsPipeline();
app.MapCampaignsEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
