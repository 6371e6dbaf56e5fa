using System.Diagnostics;
using System.Globalization;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.TestSupport;

/// <summary>A moto server (AWS emulator) on a free loopback port for one fixture, plus the aws CLI pointed at it.</summary>
public sealed class MotoServer : IDisposable
{
    public const string Region = "us-east-1";
    private readonly Process _process;

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The server's root, with a trailing slash (AWS_ENDPOINT_URL takes it with or without).</summary>
    public Uri Endpoint { get; }

    /// <summary>Dummy credentials and the endpoint, as a user would export them for moto; no profile files are read.</summary>
    public IReadOnlyDictionary<string, string?> CliEnvironment => new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'), ["AWS_PAGER"] = "",
        ["AWS_CONFIG_FILE"] = "/dev/null", ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    /// <summary>Starts moto_server; a missing moto or aws CLI fails on CI and skips elsewhere.</summary>
    public static MotoServer Start()
    {
        var motoServer = Prerequisite.RequireOnPath("moto_server", "pip install 'moto[server]'");
        Prerequisite.RequireOnPath("aws", "pip install awscli");
        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo(motoServer)
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        server.WaitUntilAnswering();
        return server;
    }

    /// <summary>Runs `aws ARGS` against moto (in <paramref name="workingDirectory"/> when given); fails the test on a non-zero exit.</summary>
    public string Aws(params string[] args) => AwsIn(null, args);

    /// <inheritdoc cref="Aws"/>
    public string AwsIn(string? workingDirectory, params string[] args)
    {
        var (exit, stdout, stderr) = ProcessRunner.Run("aws", args, workingDirectory, CliEnvironment);
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
