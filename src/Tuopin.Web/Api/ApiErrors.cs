using Microsoft.AspNetCore.Http.HttpResults;
using Tuopin.Application.Common;

namespace Tuopin.Web.Api;

/// <summary>
/// Turns a refused use case into its HTTP answer: 400 with every problem by field, 403, 404 or 409,
/// each with its message in the request's language.
/// </summary>
public sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (UseCaseException e)
        {
            return ToResult(e);
        }
    }

    public static IResult ToResult(UseCaseException e) => e switch
    {
        InvalidRequestException invalid => TypedResults.ValidationProblem(
            invalid.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message.Current).ToArray()),
            title: invalid.Problems.Count == 1 ? invalid.Problems[0].Message.Current : Text("提交的数据有误，未保存", "The request has errors; nothing was saved"),
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = invalid.Problems.Select(p => new { field = p.Field, code = p.Code, message = p.Message.Current }).ToList(),
            }),
        NotFoundException => Problem(StatusCodes.Status404NotFound, e),
        ForbiddenException => Problem(StatusCodes.Status403Forbidden, e),
        ConflictException => Problem(StatusCodes.Status409Conflict, e),
        _ => Problem(StatusCodes.Status400BadRequest, e),
    };

    private static ProblemHttpResult Problem(int status, UseCaseException e) => TypedResults.Problem(title: e.Text.Current, statusCode: status);

    private static string Text(string zh, string en) => new Domain.Common.LocalText(zh, en).Current;
}
