namespace Campaigns.Domain.Models;

public enum ModelStatus { Candidate, Current, Retired, Failed }
