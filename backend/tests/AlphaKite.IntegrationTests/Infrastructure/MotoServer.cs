using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>moto's AWS emulator on a free loopback port, for the aws CLI (AWS_ENDPOINT_URL).</summary>
internal sealed class MotoServer : IDisposable
{
    private readonly Process _process;

    private MotoServer(Process process, Uri endpoint) => (_process, Endpoint) = (process, endpoint);

    public Uri Endpoint { get; }

    public static MotoServer Start(string motoServer)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(motoServer)
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"));
        server.WaitUntilListening();
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void WaitUntilListening()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with status {_process.ExitCode}");
            }

            try
            {
                using var response = http.GetAsync(new Uri(Endpoint, "/moto-api/")).GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(200);
            }
            catch (TaskCanceledException)
            {
                Thread.Sleep(200);
            }
        }

        Dispose();
        throw new TimeoutException($"moto_server did not listen on {Endpoint} within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
