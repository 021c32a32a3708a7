namespace Campaigns.Domain.Models;

public enum SignOffStatus { Pending, Approved, Rejected }
