using Campaigns.Domain;

namespace Campaigns.Application.Common;

/// <summary>A <see cref="Result"/> that carries what was made or read when it succeeded.</summary>
public sealed record Result<T> : Result
{
    private Result(T? value, Failure? failure, string? message, IReadOnlyList<FieldError> errors) : base(failure, message, errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Done(T value, string? message = null) => new(value, null, message, []);
    public static new Result<T> Invalid(IReadOnlyList<FieldError> errors, string? message = null) =>
        new(default, Common.Failure.Invalid, message ?? string.Join(" ", errors.Select(e => e.Message)), errors);
    public static new Result<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);
    public static new Result<T> NotFound(string message) => new(default, Common.Failure.NotFound, message, []);
    public static new Result<T> Refused(string message) => new(default, Common.Failure.Refused, message, []);

    /// <summary>Another use case's failure, passed on as this one's (its kind, message and field errors kept).</summary>
    public static Result<T> Failed(Result failure) =>
        failure.Failure is null ? throw new ArgumentException("Only a failure can be passed on.", nameof(failure)) : new(default, failure.Failure, failure.Message, failure.Errors);

    public static implicit operator Result<T>(T value) => Done(value);
}
