using System.Net;
using System.Net.Sockets;

namespace AlphaKite.TestSupport;

/// <summary>Loopback ports for the servers tests start.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now (the OS picks it; a tiny race is accepted).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
