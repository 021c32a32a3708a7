namespace Campaigns.Domain;

/// <summary>Base of every stored entity: a client-generated, time-ordered key so bulk inserts need no round trip.</summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
}

/// <summary>A rule of the domain was broken; the message is meant for the user.</summary>
public sealed class DomainException(string message) : Exception(message);
