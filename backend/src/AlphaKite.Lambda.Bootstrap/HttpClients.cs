using System.Net;

namespace AlphaKite.Lambda.Bootstrap;

/// <summary>One HttpClient per remote for the life of the process (connection reuse across warm invocations).</summary>
public static class HttpClients
{
    /// <param name="timeout">Per request; <see cref="Timeout.InfiniteTimeSpan"/> for the Runtime API's long poll.</param>
    public static HttpClient Create(TimeSpan timeout) => new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        // A frozen environment's idle sockets are dead on thaw; recycle them rather than fail once.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = timeout,
    };
}
