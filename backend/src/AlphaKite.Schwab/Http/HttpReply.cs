using System.IO.Compression;
using System.Net.Http.Headers;

namespace AlphaKite.Schwab.Http;

/// <summary>A fully read HTTP response: status, media type and body bytes.</summary>
internal sealed record HttpReply(int Status, string? MediaType, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>What the request carried that the body may echo (the access token): never in a message.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Schwab's edge answers with HTML ("Access Denied") or plain text during incidents.</summary>
    public bool LooksLikeJson
    {
        get
        {
            foreach (var b in Body)
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
                {
                    continue;
                }

                return b is (byte)'{' or (byte)'[';
            }

            return false;
        }
    }

    /// <summary>Transient: worth another attempt. 401 is handled by the caller (refresh once).</summary>
    public bool IsTransient => Status is 408 or 429 or >= 500 || (Status != 401 && !LooksLikeJson);

    public static async Task<HttpReply> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var content = response.Content;
        await using var raw = await content.ReadAsStreamAsync(cancellationToken);
        // The composition root enables automatic decompression; if a caller's handler did not,
        // the Content-Encoding header is still here and we decompress ourselves.
        await using Stream body = IsGzip(content.Headers) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return new HttpReply((int)response.StatusCode, content.Headers.ContentType?.MediaType, buffer.ToArray());
    }

    private static bool IsGzip(HttpContentHeaders headers) =>
        headers.ContentEncoding.Any(e => e.Equals("gzip", StringComparison.OrdinalIgnoreCase));
}
