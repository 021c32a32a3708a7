namespace Campaigns.Application.Audiences;

/// <summary>A refusal to build an audience, with a message meant for the marketer.</summary>
public sealed class TargetingException(string message) : Exception(message);
