using System.Net;
using System.Text;

namespace AlphaKite.TestSupport;

/// <summary>A recorded HTTP request.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A real HTTP server on loopback answering from a script of (status, body) per request.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, (int Status, string Body)> _answer;

    public LoopbackServer(Func<RecordedRequest, (int Status, string Body)> answer)
    {
        _answer = answer;
        Url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public void Dispose() => _listener.Close();

    private async Task LoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var headers = context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, await reader.ReadToEndAsync());
            lock (Requests)
            {
                Requests.Add(request);
            }

            var (status, body) = _answer(request);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
