using Campaigns.Domain;

namespace Campaigns.Application.Common;

/// <summary>The outcome of a use case: done, or why not, as one message and, for invalid input, per field.</summary>
public record Result
{
    protected Result(Failure? failure, string? message, IReadOnlyList<FieldError> errors) =>
        (Failure, Message, Errors) = (failure, message, errors);

    public Failure? Failure { get; }

    /// <summary>What the user is told: the reason for a failure, or what was done.</summary>
    public string? Message { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool Succeeded => Failure is null;

    public static Result Done(string? message = null) => new(null, message, []);
    public static Result Invalid(IReadOnlyList<FieldError> errors, string? message = null) =>
        new(Common.Failure.Invalid, message ?? string.Join(" ", errors.Select(e => e.Message)), errors);
    public static Result Invalid(string field, string message) => Invalid([new FieldError(field, message)]);
    public static Result NotFound(string message) => new(Common.Failure.NotFound, message, []);
    public static Result Refused(string message) => new(Common.Failure.Refused, message, []);
}
