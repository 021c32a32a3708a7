namespace Campaigns.Data;

/// <summary>The keys of the PostgreSQL advisory locks the app takes, one per purpose, in one place so they cannot collide.</summary>
public static class AdvisoryLocks
{
    /// <summary>Held by the instance that initializes the store (roles, first users, demo store).</summary>
    public const long Startup = 0x43616d7000000001;

    /// <summary>Held by a rollup rebuild for its transaction.</summary>
    public const long Rollup = 0x43616d7000000002;
}
