using System.Net;

namespace AlphaKite.IntegrationTests.Sandbox;

[TestFixture]
[Category("Integration")]
public sealed class TokenEndpointTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SessionStart = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task Exchange_FreshCode_ReturnsSchwabTokenFields()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);
        var code = await sandbox.AuthorizeForCodeAsync();

        using var response = await sandbox.ExchangeAsync(code);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await SandboxHarness.JsonAsync(response);
        json.GetProperty("expires_in").GetInt32().Should().Be(1800);
        json.GetProperty("token_type").GetString().Should().Be("Bearer");
        json.GetProperty("scope").GetString().Should().Be("api");
        json.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        json.GetProperty("refresh_token").GetString().Should().NotBeNullOrEmpty();
        json.GetProperty("id_token").GetString()!.Split('.').Should().HaveCount(3, "an id_token is a JWT: header.payload.signature");
        sandbox.Server.Stats.AuthorizationCodeGrants.Should().Be(1);
    }

    [Test]
    public async Task Exchange_CodeUsedTwice_SecondIs400InvalidGrant()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);
        var code = await sandbox.AuthorizeForCodeAsync();
        using var first = await sandbox.ExchangeAsync(code);

        using var second = await sandbox.ExchangeAsync(code);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SandboxHarness.JsonAsync(second)).GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [TestCase(29, HttpStatusCode.OK)]
    [TestCase(31, HttpStatusCode.BadRequest)]
    public async Task Exchange_AfterSeconds_CodeLivesAbout30Seconds(int seconds, HttpStatusCode expected)
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);
        var code = await sandbox.AuthorizeForCodeAsync();
        sandbox.Clock.Advance(TimeSpan.FromSeconds(seconds));

        using var response = await sandbox.ExchangeAsync(code);

        response.StatusCode.Should().Be(expected);
    }

    [Test]
    public async Task Exchange_StillPercentEncodedCode_Is400()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);
        var code = await sandbox.AuthorizeForCodeAsync();

        using var response = await sandbox.ExchangeAsync(Uri.EscapeDataString(code));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the code must be URL-decoded exactly once before the exchange");
    }

    [Test]
    public async Task Exchange_OtherRedirectUri_Is400InvalidGrant()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);
        var code = await sandbox.AuthorizeForCodeAsync();

        using var response = await sandbox.ExchangeAsync(code, "https://127.0.0.1:8182/");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SandboxHarness.JsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [TestCase("sandbox-app-key:wrong-secret")]
    [TestCase("wrong-key:sandbox-app-secret")]
    [TestCase("no-colon")]
    public async Task Exchange_BadBasicCredentials_Is401InvalidClient(string credentials)
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);
        var code = await sandbox.AuthorizeForCodeAsync();
        var parts = credentials.Split(':');

        using var response = await sandbox.PostTokenAsync(
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", SandboxHarness.Callback)],
            SandboxHarness.Basic(parts[0], parts.Length > 1 ? parts[1] : ""));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var json = await SandboxHarness.JsonAsync(response);
        json.GetProperty("error").GetString().Should().Be("invalid_client");
        json.GetProperty("error_description").GetString().Should().Be("Unauthorized");
        sandbox.Server.Stats.AuthorizationCodeGrants.Should().Be(0);
    }

    [Test]
    public async Task Refresh_LiveRefreshToken_ReturnsNewAccessTokenAndSameRefreshToken()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        var (oldAccess, refresh) = (sandbox.AccessToken, sandbox.RefreshToken!);

        using var response = await sandbox.RefreshAsync(refresh);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await SandboxHarness.JsonAsync(response);
        json.GetProperty("access_token").GetString().Should().NotBe(oldAccess);
        json.GetProperty("refresh_token").GetString().Should().Be(refresh);
        json.GetProperty("expires_in").GetInt32().Should().Be(1800);
        using var data = await sandbox.GetAsync("marketdata/v1/markets/equity?date=2026-11-20", json.GetProperty("access_token").GetString());
        data.StatusCode.Should().Be(HttpStatusCode.OK);
        sandbox.Server.Stats.RefreshTokenGrants.Should().Be(1);
    }

    [Test]
    public async Task Refresh_SevenDaysAfterLogin_Is400UnsupportedTokenTypeEvenAfterEarlierRefreshes()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Clock.Advance(TimeSpan.FromDays(6) + TimeSpan.FromHours(23));
        using var lateButAlive = await sandbox.RefreshAsync(sandbox.RefreshToken!);
        sandbox.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        using var dead = await sandbox.RefreshAsync(sandbox.RefreshToken!);

        lateButAlive.StatusCode.Should().Be(HttpStatusCode.OK);
        dead.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a refresh does not extend the 7-day life of the refresh token");
        var json = await SandboxHarness.JsonAsync(dead);
        json.GetProperty("error").GetString().Should().Be("unsupported_token_type");
        json.GetProperty("error_description").GetString().Should().StartWith("400 Bad Request: ").And.Contain("refresh_token_authentication_error");
    }

    [Test]
    public async Task Refresh_DeadRefreshToken_NamesADigestNotThePrefix()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        var first = sandbox.RefreshToken!;
        await sandbox.LoginAsync();

        using var dead = await sandbox.RefreshAsync(first);

        var description = (await SandboxHarness.JsonAsync(dead)).GetProperty("error_description").GetString();
        description.Should().MatchRegex(@"Exception while authenticating refresh token \[tokenDigest=[A-Za-z0-9_-]{8,}\]")
            .And.NotContain(first[..4]);
    }

    [Test]
    public async Task Refresh_AfterAnotherLogin_OldRefreshTokenIsDead()
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        var first = sandbox.RefreshToken!;
        await sandbox.LoginAsync();

        using var old = await sandbox.RefreshAsync(first);
        using var current = await sandbox.RefreshAsync(sandbox.RefreshToken!);

        old.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        current.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Token_UnknownGrantType_Is400UnsupportedGrantType()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);

        using var response = await sandbox.PostTokenAsync([new("grant_type", "password")]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SandboxHarness.JsonAsync(response)).GetProperty("error").GetString().Should().Be("unsupported_grant_type");
    }

    [TestCase(29, HttpStatusCode.OK)]
    [TestCase(30, HttpStatusCode.Unauthorized)]
    public async Task MarketData_AccessTokenAfterMinutes_LivesThirtyMinutes(int minutes, HttpStatusCode expected)
    {
        await using var sandbox = await SandboxHarness.StartLoggedInAsync(Now);
        sandbox.Clock.Advance(TimeSpan.FromMinutes(minutes));

        using var response = await sandbox.PriceHistoryAsync("QQQ", SessionStart, sandbox.Clock.GetUtcNow());

        response.StatusCode.Should().Be(expected);
    }
}
