using AlphaKite.Cli.Demo;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;

namespace AlphaKite.IntegrationTests.TestSupport;

/// <summary>A sandbox on the system clock (the bootstrap's and the CLI's clock) with an app whose
/// key and secret are distinctive enough to search for in logs.</summary>
public static class SandboxAccount
{
    public const string AppKey = "e2e-app-key-93ad51";
    public const string AppSecret = "e2e-app-secret-5b1f0c7e";

    /// <param name="configure">Changes the options (e.g. the sandbox's sessions) before the start.</param>
    public static Task<SandboxServer> StartAsync(Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { Clock = TimeProvider.System, AppKey = AppKey, AppSecret = AppSecret };
        return SandboxServer.StartAsync(configure?.Invoke(options) ?? options, CancellationToken.None);
    }

    /// <summary>The browser login against the sandbox, as `alphakite demo` does it: a real schwab-py token document.</summary>
    public static async Task<string> LoginAsync(SandboxServer sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var settings = new SchwabSettings(AppKey, AppSecret, sandbox.Options.CallbackUrl, sandbox.BaseUrl);
        using var http = new HttpClient();
        var file = await SandboxLogin.LoginAsync(settings, new SchwabOAuthClient(http, settings), TimeProvider.System, CancellationToken.None);
        return file.ToJson();
    }
}
