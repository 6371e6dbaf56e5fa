using System.Web;
using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using AlphaKite.Cli.Local;
using AlphaKite.Schwab.OAuth;
using AlphaKite.TestSupport;
using AlphaKite.Tests.Schwab;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Cli;

public class AuthCommandTests
{
    private const string Callback = "https://127.0.0.1:8182";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private ScriptedSchwabServer _server = null!;
    private string _dir = null!;
    private string _tokenFile = null!;
    private StringWriter _output = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await ScriptedSchwabServer.StartAsync();
        _dir = Directory.CreateTempSubdirectory("ak-auth-").FullName;
        _tokenFile = Path.Combine(_dir, "config", "schwab_token.json");
        _output = new StringWriter();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _output.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
        await _server.DisposeAsync();
    }

    private Task<int> RunAsync(string codeUrl, params string[] extra)
    {
        var command = AuthCommand.Create(new CliEnvironment(null, "key", "secret", null, null, null, null), TextReader.Null, _output, new FakeTimeProvider(Now));
        // A URL from the browser carries the state of the run that printed the authorize URL.
        codeUrl = codeUrl.Contains("state=", StringComparison.Ordinal) ? codeUrl : $"{codeUrl}&state={LoginState.Issue("secret", Now.AddMinutes(-2))}";
        string[] args = ["--base-url", _server.BaseUrl.AbsoluteUri, "--token-file", _tokenFile, "--code-url", codeUrl, .. extra];
        return command.RunAsync(args, CancellationToken.None);
    }

    [Test]
    public async Task Run_RedirectedUrl_ExchangesTheCodeDecodedOnceAndWritesAnOwnerOnlySchwabPyFile()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));

        var exit = await RunAsync($"{Callback}/?code=C0.b2F1dGgy%2Ex%40&session=1b2c");

        exit.Should().Be(0);
        var form = HttpUtility.ParseQueryString(_server.RequestsTo(TestSchwab.TokenPath).Single().Body);
        form["code"].Should().Be("C0.b2F1dGgy.x@");
        form["redirect_uri"].Should().Be(Callback);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_tokenFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        PythonJson.Check(_tokenFile, PythonJson.SchwabPyShape + $$"""

            assert d['creation_timestamp'] == {{Now.ToUnixTimeSeconds()}}
            assert d['token']['expires_at'] == {{Now.ToUnixTimeSeconds() + 1800}}
            assert d['token']['refresh_token'] == 'rt-NEW-refresh'
            """);
        var text = _output.ToString();
        text.Should().Contain("/v1/oauth/authorize?response_type=code&client_id=key&redirect_uri=https%3A%2F%2F127.0.0.1%3A8182&state=");
        text.Should().Contain(_tokenFile).And.Contain("2026-11-27 14:00").And.NotContain("rt-NEW").And.NotContain("C0.b2F1");
    }

    [Test]
    public async Task Run_CodeContainingAnEncodedPercent_DecodedExactlyOnce()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));

        await RunAsync($"{Callback}?code=abc%2540");

        HttpUtility.ParseQueryString(_server.RequestsTo(TestSchwab.TokenPath).Single().Body)["code"].Should().Be("abc%40");
    }

    [Test]
    public async Task Run_UrlOfAnotherCallback_NamesBothUrlsNeverTheCodeAndWritesNothing()
    {
        var act = () => RunAsync("https://localhost:9999/cb?code=SECRETCODE%40");

        (await act.Should().ThrowAsync<SchwabAuthException>())
            .WithMessage("*'https://localhost:9999/cb'*'https://127.0.0.1:8182'*")
            .Which.Message.Should().NotContain("SECRETCODE");
        _server.Requests.Should().BeEmpty();
        File.Exists(_tokenFile).Should().BeFalse();
    }

    [Test]
    public async Task Run_StateOfAnotherAttempt_RefusedAndWritesNothing()
    {
        var act = () => RunAsync($"{Callback}/?code=abc%40&state=not-this-one");

        (await act.Should().ThrowAsync<SchwabAuthException>()).WithMessage("*'state' was not issued by `alphakite auth` for this app*");
        File.Exists(_tokenFile).Should().BeFalse();
    }

    [TestCase("", "*has no 'state' parameter*")]
    [TestCase("&state=", "*has no 'state' parameter*")]
    [TestCase("&state=1763647200.0123456789abcdef0123456789abcdef", "*'state' was not issued by `alphakite auth` for this app*")]
    public async Task Run_CodeUrlWithoutThisAppsState_RefusedBeforeAnyRequestAndWritesNothing(string state, string message)
    {
        var command = AuthCommand.Create(new CliEnvironment(null, "key", "secret", null, null, null, null), TextReader.Null, _output, new FakeTimeProvider(Now));
        string[] args = ["--base-url", _server.BaseUrl.AbsoluteUri, "--token-file", _tokenFile, "--code-url", $"{Callback}/?code=abc%40{state}"];

        var act = () => command.RunAsync(args, CancellationToken.None);

        (await act.Should().ThrowAsync<SchwabAuthException>()).WithMessage(message);
        _server.Requests.Should().BeEmpty();
        File.Exists(_tokenFile).Should().BeFalse();
    }

    [Test]
    public async Task Run_CodeUrlOfALoginStartedTooLongAgo_RefusedNamingTheAge()
    {
        var stale = $"{Callback}/?code=abc%40&state={LoginState.Issue("secret", Now.AddMinutes(-40))}";

        var act = () => RunAsync(stale);

        (await act.Should().ThrowAsync<SchwabAuthException>()).WithMessage("*started 40 minutes ago (at most 15*");
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Run_ExpiredCode_ExplainsThe30SecondWindowAndWritesNothing()
    {
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json("""{"error":"invalid_grant","error_description":"Bad authorization code"}""", 400));

        var act = () => RunAsync($"{Callback}/?code=abc%40");

        var e = (await act.Should().ThrowAsync<ReauthenticationRequiredException>()).Which;
        e.Reason.Should().Be(ReauthReason.CodeRejected);
        e.Message.Should().Contain("30 seconds").And.Contain(Callback);
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
        File.Exists(_tokenFile).Should().BeFalse();
    }

    [Test]
    public async Task Run_Listen_ReceivesTheRedirectOverHttpsAndWritesTheFile()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var callback = $"https://127.0.0.1:{LoopbackPort.Free()}";
        var command = AuthCommand.Create(new CliEnvironment(null, "key", "secret", callback, null, null, null), TextReader.Null, _output, new FakeTimeProvider(Now));
        string[] args = ["--base-url", _server.BaseUrl.AbsoluteUri, "--token-file", _tokenFile, "--listen"];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = command.RunAsync(args, timeout.Token);

        // The browser's part: follow the redirect to the self-signed local endpoint.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var browser = new HttpClient(handler);
        HttpResponseMessage? page = null;
        for (var i = 0; i < 100 && page is null; i++)
        {
            try
            {
                // The state this run printed in its authorize URL, as Schwab echoes it back.
                var state = System.Text.RegularExpressions.Regex.Match(_output.ToString(), "[?&]state=([^&\\s]+)").Groups[1].Value;
                page = await browser.GetAsync(new Uri($"{callback}/?code=L1.code%40&session=s&state={state}"), timeout.Token);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        (await run).Should().Be(0);
        page!.IsSuccessStatusCode.Should().BeTrue();
        HttpUtility.ParseQueryString(_server.RequestsTo(TestSchwab.TokenPath).Single().Body)["code"].Should().Be("L1.code@");
        File.Exists(_tokenFile).Should().BeTrue();
    }

    [Test]
    public void DefaultTokenFile_InsideTheRepository_IsBackendConfigOfTheRepositoryRoot()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_dir, "repo", "backend", "src"));
        File.WriteAllText(Path.Combine(_dir, "repo", "AlphaKite.sln"), string.Empty);

        TokenFilePath.Default(nested.FullName).Should().Be(Path.Combine(_dir, "repo", "backend", "config", "schwab_token.json"));
        TokenFilePath.Default(_dir).Should().Be(Path.Combine(_dir, "backend", "config", "schwab_token.json"));
    }

    [Test]
    public async Task Run_NoAppKeyAnywhere_UsageErrorNamingTheVariable()
    {
        var command = AuthCommand.Create(new CliEnvironment(null, null, "secret", null, null, null, null), TextReader.Null, _output, TimeProvider.System);

        var act = () => command.RunAsync(["--code-url", Callback], CancellationToken.None);

        (await act.Should().ThrowAsync<UsageException>()).WithMessage("no Schwab app key: set SCHWAB_APP_KEY or pass --app-key*");
    }

    [Test]
    public async Task Run_AppKeyWithSpaces_TrimmedAsByEveryOtherCommand()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));

        var exit = await RunAsync($"{Callback}/?code=C0.x%40&session=1b2c", "--app-key", "  key  ");

        exit.Should().Be(0);
        _output.ToString().Should().Contain("&client_id=key&redirect_uri=");
    }

    [Test]
    public async Task Run_ListenAndCodeUrlTogether_UsageError()
    {
        var act = () => RunAsync($"{Callback}?code=x", "--listen");

        await act.Should().ThrowAsync<UsageException>();
    }
}
