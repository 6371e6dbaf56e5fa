using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AlphaKite.Tests.Support;

namespace AlphaKite.IntegrationTests.Aws;

/// <summary>A moto server on a free loopback port for one fixture, plus the aws CLI pointed at it.</summary>
public sealed class MotoServer : IDisposable
{
    public const string Region = "us-east-1";
    private readonly Process _process;

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Dummy credentials and the endpoint, as a user would export them for moto.</summary>
    public IReadOnlyDictionary<string, string> CliEnvironment => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'), ["AWS_PAGER"] = "",
    };

    public static MotoServer Start()
    {
        if (!Prerequisite.CanRun("moto_server", "--help") || !Prerequisite.CanRun("aws", "--version"))
        {
            Prerequisite.Missing("moto_server or the aws CLI", "pip install 'moto[server]' awscli");
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var info = new ProcessStartInfo("moto_server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        server.WaitUntilAnswering();
        return server;
    }

    /// <summary>Runs `aws ARGS` against moto; fails the test on a non-zero exit.</summary>
    public string Aws(params string[] args)
    {
        var (exit, stdout, stderr) = Prerequisite.Run("aws", args, environment: CliEnvironment);
        exit.Should().Be(0, $"aws {string.Join(' ', args)} failed: {stderr}");
        return stdout;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void WaitUntilAnswering()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"moto_server exited with {_process.ExitCode} at start-up");
            }

            try
            {
                using var response = http.GetAsync(new Uri(Endpoint, "moto-api/")).GetAwaiter().GetResult();
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Thread.Sleep(200);
            }
        }

        Dispose();
        Assert.Fail("moto_server did not answer within 30 s");
    }
}
