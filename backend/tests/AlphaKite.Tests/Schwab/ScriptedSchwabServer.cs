using System.Collections.Concurrent;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Schwab;

/// <summary>
/// Schwab's endpoints scripted per path over a <see cref="LoopbackServer"/> (real loopback HTTP):
/// answers each path from its script, in order, and records every request. Paths without a script
/// answer 599 so a test notices.
/// </summary>
public sealed class ScriptedSchwabServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedReply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScriptedReply> _fallbacks = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;

    private ScriptedSchwabServer() => _server = new LoopbackServer(Answer);

    public Uri BaseUrl => _server.Url;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public static Task<ScriptedSchwabServer> StartAsync() => Task.FromResult(new ScriptedSchwabServer());

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

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private ScriptedReply Answer(RecordedRequest request) =>
        _scripts.TryGetValue(request.Path, out var queue) && queue.TryDequeue(out var next) ? next
            : _fallbacks.GetValueOrDefault(request.Path) ?? new ScriptedReply(599, $"no script for {request.Path}", "text/plain");
}
