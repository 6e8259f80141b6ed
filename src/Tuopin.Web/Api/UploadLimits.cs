using Microsoft.AspNetCore.Http.Features;
using Tuopin.Application.Common;

namespace Tuopin.Web.Api;

/// <summary>Endpoint metadata: the largest request body, in bytes, that an upload endpoint takes.</summary>
public sealed record UploadLimit(long Bytes);

/// <summary>
/// The request-size limit of an upload endpoint, stated on the endpoint and answered with a 413 that
/// says it, in the request's language. Kestrel's default (30 MB) would refuse the county's CSV (38 MB)
/// and answer with an empty body. A body whose Content-Length is over the limit is refused before a
/// byte is read; a body sent without one is cut off at the limit.
/// </summary>
public static class UploadLimits
{
    public static TBuilder WithUploadLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new UploadLimit(bytes)).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>After authorization: a caller who may not upload hears that first.</summary>
    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<UploadLimit>() is not { } limit)
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit.Bytes;
        if (context.Request.ContentLength > limit.Bytes)
        {
            await TooLarge(context, limit);
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // The endpoint read past the limit (a body without Content-Length).
            await TooLarge(context, limit);
            return;
        }
        // A form is read while the endpoint's parameters are bound, which answers 413 without a body.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted) await TooLarge(context, limit);
    });

    private static Task TooLarge(HttpContext context, UploadLimit limit) =>
        TypedResults.Problem(title: SheetLimits.UploadTooLarge(limit.Bytes).Current, statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
}
