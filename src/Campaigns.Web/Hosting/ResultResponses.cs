using Campaigns.Application.Common;

namespace Campaigns.Web.Hosting;

/// <summary>The one mapping from a use case's <see cref="Result"/> to an API response: field errors become a validation problem.</summary>
public static class ResultResponses
{
    public static IResult ToProblem(this Result result, string? title = null) => result.Failure switch
    {
        Failure.Invalid => TypedResults.ValidationProblem(
            result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: result.Message, title: title ?? "The request breaks a rule"),
        Failure.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title ?? "Not found", detail: result.Message),
        Failure.Refused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title ?? "Refused", detail: result.Message),
        _ => throw new InvalidOperationException("Only a failed result is a problem."),
    };

    /// <summary>The success response made from the value, or the problem.</summary>
    public static IResult ToResponse<T>(this Result<T> result, Func<T, IResult> done, string? title = null) =>
        result.Succeeded ? done(result.Value!) : result.ToProblem(title);
}
