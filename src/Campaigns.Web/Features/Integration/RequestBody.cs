using System.IO.Compression;
using Campaigns.Imports;
using Microsoft.AspNetCore.Http.Features;

namespace Campaigns.Web.Features.Integration;

/// <summary>
/// A request body as an endpoint reads it: decompressed when labelled <c>Content-Encoding: gzip</c>, and never more than a
/// limit, as sent or decoded (a small gzip body can decode to gigabytes). Whatever is wrong with it surfaces as a
/// <see cref="BadHttpRequestException"/> with its status (400, 413, 415) and a message for the sender.
/// </summary>
public sealed class RequestBody : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly bool _gzip;
    private long _read;

    private RequestBody(Stream inner, long limit, bool gzip) => (_inner, _limit, _gzip) = (inner, limit, gzip);

    public static Stream Open(HttpRequest request, long limit)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        return IsGzip(request)
            ? new RequestBody(new GZipStream(request.Body, CompressionMode.Decompress), limit, gzip: true)
            : new RequestBody(request.Body, limit, gzip: false);
    }

    /// <summary>Whether the body is labelled gzip; a body is accepted as it is or gzipped, any other encoding is a 415.</summary>
    public static bool IsGzip(HttpRequest request) => request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant() switch
    {
        "" or "identity" => false,
        "gzip" => true,
        var encoding => throw new BadHttpRequestException(
            $"Content-Encoding '{Excerpt.Of(encoding)}' is not accepted: send the body as it is, or gzipped (Content-Encoding: gzip).", StatusCodes.Status415UnsupportedMediaType),
    };

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, ct);
        }
        catch (InvalidDataException) when (_gzip)
        {
            throw new BadHttpRequestException("The body is labelled Content-Encoding: gzip but is not gzip data.", StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(decoded: false);
        }
        if ((_read += read) > _limit) throw TooLarge(_gzip);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private BadHttpRequestException TooLarge(bool decoded) =>
        new($"The body is larger than the {_limit / (1024 * 1024):N0} MB this endpoint accepts{(decoded ? " once decompressed" : "")}.", StatusCodes.Status413PayloadTooLarge);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _gzip) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
