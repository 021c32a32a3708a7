using Campaigns.Cli;

return await CliApp.RunAsync(args);
