using Campaigns.Domain.Auditing;

namespace Campaigns.Application.Users;

/// <summary>One page of audit entries, with how many match in all.</summary>
public sealed record AuditPage(int Total, List<AuditEntry> Entries);
