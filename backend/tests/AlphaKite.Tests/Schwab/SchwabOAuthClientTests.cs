using System.Web;
using AlphaKite.Core.Market;
using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Schwab;

public class SchwabOAuthClientTests
{
    private ScriptedSchwabServer _server = null!;
    private HttpClient _http = null!;
    private SchwabOAuthClient _client = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await ScriptedSchwabServer.StartAsync();
        _http = TestSchwab.Http();
        _client = TestSchwab.OAuth(_server, _http);
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task ExchangeCode_Success_PostsFormWithCodeAndRedirectAndReturnsTokens()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));

        var response = await _client.ExchangeCodeAsync("C0.code@", "https://127.0.0.1:8182", CancellationToken.None);

        response.AccessToken.Should().Be("I0.at-NEW@");
        response.RefreshToken.Should().Be("rt-NEW-refresh");
        response.ExpiresIn.Should().Be(1800);
        var request = _server.RequestsTo(TestSchwab.TokenPath).Single();
        request.Body.Should().Contain("code=C0.code%40", "the form encodes the decoded code exactly once");
        var form = HttpUtility.ParseQueryString(request.Body);
        form["grant_type"].Should().Be("authorization_code");
        form["code"].Should().Be("C0.code@");
        form["redirect_uri"].Should().Be("https://127.0.0.1:8182");
        request.Authorization.Should().Be("Basic a2V5OnNlY3JldA==");
    }

    [TestCase(400, """{"error":"unsupported_token_type","error_description":"refresh_token_authentication_error"}""", true, ReauthReason.RefreshTokenRejected)]
    [TestCase(400, """{"error":"invalid_client","error_description":"refresh token invalid"}""", true, ReauthReason.RefreshTokenRejected)]
    [TestCase(401, """{"error":"invalid_client","error_description":"Unauthorized"}""", true, ReauthReason.InvalidClient)]
    [TestCase(401, """{"error":"invalid_client","error_description":"Unauthorized"}""", false, ReauthReason.InvalidClient)]
    [TestCase(400, """{"error":"invalid_grant","error_description":"Bad authorization code"}""", false, ReauthReason.CodeRejected)]
    [TestCase(401, """{"errors":[{"status":401,"title":"Unauthorized","detail":"Client not authorized"}]}""", true, ReauthReason.ClientNotAuthorized)]
    [TestCase(400, "<html><body>Bad Request</body></html>", true, ReauthReason.Other)]
    public async Task TokenEndpoint_400Or401_ReauthenticationWithReasonAndNoRetry(int status, string body, bool refresh, ReauthReason reason)
    {
        _server.Always(TestSchwab.TokenPath, new ScriptedReply(status, body, body.StartsWith('<') ? "text/html" : "application/json"));

        Func<Task> act = refresh
            ? () => _client.RefreshAsync("rt-secret", CancellationToken.None)
            : () => _client.ExchangeCodeAsync("code-secret", "https://127.0.0.1:8182", CancellationToken.None);

        var e = (await act.Should().ThrowAsync<ReauthenticationRequiredException>()).Which;
        e.Reason.Should().Be(reason);
        e.Message.Should().Contain("alphakite auth").And.NotContain("rt-secret").And.NotContain("code-secret");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle("a person must act; retrying cannot help");
    }

    // Schwab nests its upstream error as an escaped JSON string inside error_description.
    [TestCase("Exception while authenticating refresh token [tokenDigest=Zm9vYmFyRGlnZXN0], Refresh token is expired or invalid", "Zm9vYmFyRGlnZXN0")]
    [TestCase("Exception while authenticating refresh token [deadRT...], Refresh token is expired or invalid", "deadRT")]
    [TestCase("refresh token deadRTs3cr3t/Refresh+Token== is expired", "deadRT")]
    [TestCase("refresh token deadRTs3cr3t\\\\/Refresh+Token== is expired", "Refresh+Token")]
    [TestCase("refresh token dead... is expired", "dead")]
    public async Task Refresh_RejectedWithATokenFragmentInTheText_NoFragmentInTheMessage(string upstream, string fragment)
    {
        var inner = $"{{\\\"error_description\\\":\\\"{upstream}\\\",\\\"error\\\":\\\"refresh_token_authentication_error\\\"}}";
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(
            $$"""{"error":"unsupported_token_type","error_description":"400 Bad Request: \"{{inner}}\""}""", 400));

        var act = () => _client.RefreshAsync("deadRTs3cr3t/Refresh+Token==", CancellationToken.None);

        var e = (await act.Should().ThrowAsync<ReauthenticationRequiredException>()).Which;
        e.Reason.Should().Be(ReauthReason.RefreshTokenRejected);
        e.Message.Should().Contain("refresh_token_authentication_error").And.NotContain(fragment).And.NotContain("deadRT");
    }

    [Test]
    public async Task Refresh_TransientFailuresThenSuccess_RetriesThroughThem()
    {
        _server.Enqueue(TestSchwab.TokenPath,
            new ScriptedReply(503, "Service Unavailable", "text/plain"),
            new ScriptedReply(200, "<html><title>Access Denied</title></html>", "text/html"),
            ScriptedReply.Json(TokenFixtures.TokenResponse(), 200) with { Gzip = true });

        var response = await _client.RefreshAsync("rt", CancellationToken.None);

        response.AccessToken.Should().Be("I0.at-NEW@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().HaveCount(3);
    }

    [Test]
    public async Task Refresh_SlowAttempt_TimesOutAndRetries()
    {
        var client = TestSchwab.OAuth(_server, _http, TestSchwab.FastRetry with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        _server.Enqueue(TestSchwab.TokenPath,
            ScriptedReply.Json(TokenFixtures.TokenResponse("slow")) with { Delay = TimeSpan.FromSeconds(5) },
            ScriptedReply.Json(TokenFixtures.TokenResponse("fast")));

        var response = await client.RefreshAsync("rt", CancellationToken.None);

        response.AccessToken.Should().Be("fast");
    }

    [Test]
    public async Task Refresh_ServerErrorEveryTime_GivesUpAfterBoundedAttemptsAsTransient()
    {
        _server.Always(TestSchwab.TokenPath, new ScriptedReply(500, """{"error":"server_error"}"""));

        var act = () => _client.RefreshAsync("rt-secret", CancellationToken.None);

        var e = (await act.Should().ThrowAsync<SchwabAuthException>()).Which;
        e.Should().NotBeOfType<ReauthenticationRequiredException>();
        e.Message.Should().Contain("4 attempts").And.Contain("500").And.NotContain("rt-secret");
        _server.RequestsTo(TestSchwab.TokenPath).Should().HaveCount(1 + TestSchwab.FastRetry.MaxRetryAttempts);
    }

    [Test]
    public void AuthorizeUrl_Always_CarriesClientIdRedirectAndState()
    {
        var client = new SchwabOAuthClient(_http, new SchwabSettings("APPKEY", "s", "https://127.0.0.1:8182", SchwabDefaults.BaseUrl));

        client.AuthorizeUrl("st8").AbsoluteUri.Should().Be(
            "https://api.schwabapi.com/v1/oauth/authorize?response_type=code&client_id=APPKEY&redirect_uri=https%3A%2F%2F127.0.0.1%3A8182&state=st8");
    }

    [Test]
    public void Settings_ToString_HidesTheSecret()
    {
        new SchwabSettings("APPKEY123", "TOPSECRET", "https://127.0.0.1:8182", SchwabDefaults.BaseUrl)
            .ToString().Should().NotContain("TOPSECRET").And.NotContain("APPKEY123");
    }
}
