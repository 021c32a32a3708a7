using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Domain.Programme;

/// <summary>
/// One stretch of time in which the global holdout had a share and a salt. A customer is held out when the salted
/// hash of their id falls below the share, so new and imported customers fall in or out without a stored row, and the
/// periods kept say who was held out when. The same salt with a larger share keeps every earlier member; only a new
/// salt (a re-draw) changes who is held out wholesale.
/// </summary>
public sealed class HoldoutPeriod : Entity
{
    public const double MinShare = 0.005, MaxShare = 0.2;

    /// <summary>Share of all customers held out, <see cref="MinShare"/> to <see cref="MaxShare"/>.</summary>
    public double Share { get; set; }
    public required string Salt { get; set; }
    /// <summary>When the period takes effect (UTC, midnight of the chosen day).</summary>
    public DateTime StartsAt { get; set; }
    /// <summary>When the next period took over; null for the latest one.</summary>
    public DateTime? EndsAt { get; set; }
    /// <summary>Whether the period began with a new salt (the first draw or a re-draw) rather than carrying the previous period's.</summary>
    public bool FreshDraw { get; set; }
    public string? Reason { get; set; }
    public required string SetBy { get; set; }
    public DateTime SetAt { get; set; } = DateTime.UtcNow;

    public bool InForceAt(DateTime at) => StartsAt <= at && (EndsAt is null || at < EndsAt);

    public bool Holds(Guid customerId) => Draw(Salt, customerId) < Share;

    /// <summary>The customer's point in [0, 1) under a salt: the first 8 bytes of SHA-256 of "salt:id".</summary>
    public static double Draw(string salt, Guid customerId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{customerId:D}"), hash);
        return (BitConverter.ToUInt64(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A salt no one can guess or repeat, for a first draw or a re-draw.</summary>
    public static string MakeSalt() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
