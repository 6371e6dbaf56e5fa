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

namespace AlphaKite.Tests.Schwab;

/// <summary>One scripted HTTP answer.</summary>
public sealed record ScriptedReply(int Status, string Body, string ContentType = "application/json", bool Gzip = false, TimeSpan? Delay = null)
{
    public static ScriptedReply Json(string body, int status = 200) => new(status, body);
}

/// <summary>A request as the server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string Body);

/// <summary>
/// A protocol test double over real loopback HTTP (Kestrel): answers each path from a script,
/// in order, and records every request. Paths without a script answer 599 so a test notices.
/// </summary>
public sealed class ScriptedSchwabServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedReply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScriptedReply> _fallbacks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    public static async Task<ScriptedSchwabServer> StartAsync()
    {
        var server = new ScriptedSchwabServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        server._app = builder.Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Answers the next requests to <paramref name="path"/> with these replies, in order.</summary>
    public void Enqueue(string path, params ScriptedReply[] replies)
    {
        var queue = _scripts.GetOrAdd(path, _ => new ConcurrentQueue<ScriptedReply>());
        foreach (var r in replies)
        {
            queue.Enqueue(r);
        }
    }

    /// <summary>Answers every request to <paramref name="path"/> beyond the queued ones with <paramref name="reply"/>.</summary>
    public void Always(string path, ScriptedReply reply) => _fallbacks[path] = reply;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.Authorization.FirstOrDefault(), body));

        ScriptedReply? reply = _scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next
            : _fallbacks.GetValueOrDefault(path);
        if (reply is null)
        {
            context.Response.StatusCode = 599;
            await context.Response.WriteAsync($"no script for {path}");
            return;
        }

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
