using System.Collections.Concurrent;
using System.Diagnostics;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>A running `bootstrap` whose stdout and stderr are collected line by line (so its pipes never fill).</summary>
internal sealed class BootstrapProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private BootstrapProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> StdoutLines => [.. _stdout];

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    public static BootstrapProcess Start(string binary, IReadOnlyDictionary<string, string> environment) =>
        new(PublishedBootstrap.Start(binary, environment));

    public static BootstrapProcess Start(BootstrapFlavour flavour, IReadOnlyDictionary<string, string> environment) =>
        new(PublishedBootstrap.Start(flavour, environment));

    /// <summary>Sends one event and waits for what the runtime posts back.</summary>
    public static async Task<(string RequestId, RuntimePost Post)> InvokeAsync(RuntimeApiEmulator emulator, string eventJson, TimeSpan timeout)
    {
        var requestId = Guid.NewGuid().ToString();
        emulator.Enqueue(requestId, eventJson, DateTimeOffset.UtcNow.AddMinutes(1));
        return (requestId, await emulator.NextPostAsync(timeout));
    }

    /// <summary>Answers the next /next with a 500 (the runtime must exit) and waits for the exit, so every line is flushed.</summary>
    public async Task<int> StopAsync(RuntimeApiEmulator emulator)
    {
        emulator.EnqueueExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
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

    private static void Collect(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
