using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlphaKite.TestSupport;

/// <summary>A request as the server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Authorization => Headers.GetValueOrDefault("Authorization");
}

/// <summary>One scripted HTTP answer.</summary>
public sealed record ScriptedReply(int Status, string Body, string ContentType = "application/json", bool Gzip = false, TimeSpan? Delay = null)
{
    public static ScriptedReply Json(string body, int status = 200) => new(status, body);
}

/// <summary>
/// The one scripted HTTP server of the tests: real HTTP on loopback (Kestrel), answering every request
/// from a function of the request and recording them all, in arrival order.
/// </summary>
public sealed class LoopbackServer : IDisposable, IAsyncDisposable
{
    private readonly Func<RecordedRequest, ScriptedReply> _answer;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly WebApplication _app;

    /// <summary>Answers with (status, body) as AWS JSON 1.1.</summary>
    public LoopbackServer(Func<RecordedRequest, (int Status, string Body)> answer)
        : this(request =>
        {
            var (status, body) = answer(request);
            return new ScriptedReply(status, body, "application/x-amz-json-1.1");
        })
    {
    }

    public LoopbackServer(Func<RecordedRequest, ScriptedReply> answer)
    {
        _answer = answer;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
    }

    public Uri Url { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty, headers, await reader.ReadToEndAsync());
        _requests.Enqueue(request);

        var reply = _answer(request);
        if (reply.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        if (reply.Gzip)
        {
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(bytes);
            }

            bytes = compressed.ToArray();
            context.Response.Headers.ContentEncoding = "gzip";
        }

        await context.Response.Body.WriteAsync(bytes);
    }
}
