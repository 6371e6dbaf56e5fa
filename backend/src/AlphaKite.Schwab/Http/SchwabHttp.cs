using System.Net;

namespace AlphaKite.Schwab.Http;

/// <summary>The HttpClient Schwab clients expect. Create one per process in the composition root.</summary>
public static class SchwabHttp
{
    /// <summary>
    /// Gzip/deflate/brotli decompressed automatically (Schwab may compress), connections recycled
    /// every 5 minutes (DNS changes), no HttpClient-level timeout: each attempt is bounded by
    /// <see cref="SchwabRetryOptions.AttemptTimeout"/> and the whole call by the caller's token.
    /// </summary>
    public static HttpClient CreateClient()
    {
#pragma warning disable CA2000 // The HttpClient owns and disposes the handler.
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A frozen Lambda environment's idle sockets are dead on thaw: drop them before reuse.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
#pragma warning restore CA2000
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AlphaKite/1.0");
        return client;
    }
}
