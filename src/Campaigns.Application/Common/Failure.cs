namespace Campaigns.Application.Common;

/// <summary>Why a use case did not do what was asked; the API maps each to one status code, a page to one message.</summary>
public enum Failure
{
    /// <summary>The input breaks a rule; <see cref="Result.Errors"/> names the fields (400).</summary>
    Invalid,

    /// <summary>The thing asked for does not exist (404).</summary>
    NotFound,

    /// <summary>The request is well formed but the state does not allow it: a rule, a concurrent change, a missing model (409).</summary>
    Refused,
}
