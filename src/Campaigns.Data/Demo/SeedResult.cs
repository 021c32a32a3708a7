namespace Campaigns.Data.Demo;

public sealed record SeedResult(int Customers, int Products, int Orders, int OrderLines, int Campaigns, int Assignments, int Events, int CopyVariants, TimeSpan Elapsed);
