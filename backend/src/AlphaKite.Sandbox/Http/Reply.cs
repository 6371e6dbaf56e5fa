using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.Http;

/// <summary>Writes response bodies, gzip-encoded when the <see cref="SandboxFaults.Gzip"/> knob is on.</summary>
internal static class Reply
{
    public const string JsonType = "application/json";

    public static Task Json(HttpContext context, SandboxFaults faults, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Bytes(context, faults, status, JsonType, buffer.WrittenMemory);
    }

    public static Task Text(HttpContext context, SandboxFaults faults, int status, string contentType, string body) =>
        Bytes(context, faults, status, contentType, Encoding.UTF8.GetBytes(body));

    public static async Task Bytes(HttpContext context, SandboxFaults faults, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType.StartsWith("text/", StringComparison.Ordinal) ? contentType + "; charset=utf-8" : contentType;
        if (faults.Gzip)
        {
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(body, context.RequestAborted);
            }

            response.Headers.ContentEncoding = "gzip";
            body = compressed.ToArray();
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
