using System.Web;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;
using AlphaKite.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Schwab;

public class SchwabTokenProviderTests
{
    private const long Created = 1_800_000_000;
    private const long ExpiresAt = Created + 1800;

    private ScriptedSchwabServer _server = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await ScriptedSchwabServer.StartAsync();
        _http = TestSchwab.Http();
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [TestCase(-301, false)]
    [TestCase(-300, true)]
    [TestCase(-299, true)]
    public async Task GetAccessToken_AroundExpiresAtMinus300_RefreshesFromTheBoundaryOn(int secondsFromExpiry, bool refreshes)
    {
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt + secondsFromExpiry));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), time);

        var token = await provider.GetAccessTokenAsync(CancellationToken.None);

        token.Should().Be(refreshes ? "I0.at-NEW@" : "I0.at-OLD@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().HaveCount(refreshes ? 1 : 0);
        provider.RefreshCount.Should().Be(refreshes ? 1 : 0);
    }

    [Test]
    public async Task Refresh_Due_PostsRefreshGrantWithBasicAuthAndSavesOnceInSchwabPyForm()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        var now = DateTimeOffset.FromUnixTimeSeconds(ExpiresAt + 60);
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(now));

        await provider.GetAccessTokenAsync(CancellationToken.None);
        await provider.GetAccessTokenAsync(CancellationToken.None);

        var request = _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Authorization.Should().Be("Basic a2V5OnNlY3JldA=="); // base64("key:secret"), by python3
        var form = HttpUtility.ParseQueryString(request.Body);
        form["grant_type"].Should().Be("refresh_token");
        form["refresh_token"].Should().Be("rt-OLD-refresh");
        var saved = SchwabTokenFile.Parse(store.Saves.Should().ContainSingle().Subject, "saved");
        saved.CreationTimestamp.Should().Be(Created);
        saved.Token.RefreshToken.Should().Be("rt-NEW-refresh");
        saved.Token.ExpiresAt.Should().Be(ExpiresAt + 60 + 1800);
        store.Loads.Should().Be(1);
    }

    [Test]
    public async Task Refresh_ResponseWithoutRefreshToken_KeepsTheOldRefreshToken()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse(refresh: null)));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt)));

        await provider.GetAccessTokenAsync(CancellationToken.None);

        SchwabTokenFile.Parse(store.Saves.Single(), "saved").Token.RefreshToken.Should().Be("rt-OLD-refresh");
    }

    [Test]
    public async Task GetAccessToken_TwentyConcurrentCallersWhenDue_ShareOneRefresh()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()) with { Delay = TimeSpan.FromMilliseconds(200) });
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt)));

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => provider.GetAccessTokenAsync(CancellationToken.None))));

        tokens.Should().AllBe("I0.at-NEW@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
        store.Saves.Should().ContainSingle();
        provider.RefreshCount.Should().Be(1);
    }

    [Test]
    public async Task GetAccessToken_ConcurrentForcedRefreshesAfterA401_ShareOneRefresh()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()) with { Delay = TimeSpan.FromMilliseconds(200) });
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Created)));
        var rejected = await provider.GetAccessTokenAsync(CancellationToken.None);
        rejected.Should().Be("I0.at-OLD@");

        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => provider.GetAccessTokenAfterRejectionAsync(rejected, CancellationToken.None))));

        tokens.Should().AllBe("I0.at-NEW@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
    }

    [Test]
    public async Task GetAccessToken_TwoCallersRejectedOnTheSameToken_OneRefreshOneSave()
    {
        // The second caller's 401 arrives after the first caller's refresh finished.
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Created)));
        var rejected = await provider.GetAccessTokenAsync(CancellationToken.None);

        var first = await provider.GetAccessTokenAfterRejectionAsync(rejected, CancellationToken.None);
        var second = await provider.GetAccessTokenAfterRejectionAsync(rejected, CancellationToken.None);

        rejected.Should().Be("I0.at-OLD@");
        first.Should().Be("I0.at-NEW@");
        second.Should().Be("I0.at-NEW@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
        store.Saves.Should().ContainSingle();
    }

    [Test]
    public async Task GetAccessTokenAfterRejection_TheCurrentTokenRejected_RefreshesEvenIfNotDue()
    {
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        _server.Enqueue(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse(access: "I0.at-NEWER@")));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Created)));

        var first = await provider.GetAccessTokenAfterRejectionAsync("I0.at-OLD@", CancellationToken.None);
        var second = await provider.GetAccessTokenAfterRejectionAsync(first, CancellationToken.None);

        (first, second).Should().Be(("I0.at-NEW@", "I0.at-NEWER@"));
        _server.RequestsTo(TestSchwab.TokenPath).Should().HaveCount(2);
        store.Saves.Should().HaveCount(2);
    }

    [Test]
    public async Task GetAccessToken_SaveAfterRefreshFailed_ReturnsTheTokenWarnsAndNextCallSavesIt()
    {
        // The store is down right after the refresh: the caller still gets the new token (its tick
        // keeps its minute), the failure is reported, and the next call saves without refreshing.
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt)) { FailingSaves = 1 };
        var warnings = new List<Exception>();
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt)), warnings.Add);

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        first.Should().Be("I0.at-NEW@");
        store.Saves.Should().BeEmpty();
        warnings.Should().ContainSingle().Which.InnerException.Should().BeOfType<IOException>().Which.Message.Should().Be("the store is down");

        var token = await provider.GetAccessTokenAsync(CancellationToken.None);

        token.Should().Be("I0.at-NEW@");
        SchwabTokenFile.Parse(store.Saves.Should().ContainSingle().Subject, "saved").Token.AccessToken.Should().Be("I0.at-NEW@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
        provider.RefreshCount.Should().Be(1);
        warnings.Should().ContainSingle();
    }

    [Test]
    public async Task GetAccessToken_ResaveFailsAgain_ReturnsTheTokenInMemoryAndKeepsItUnsaved()
    {
        // Secrets Manager stays down: every call still answers with the valid token in memory
        // (before, the failed re-save threw out of every call), and the first call after it is back saves.
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt)) { FailingSaves = 3 };
        var warnings = new List<Exception>();
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt)), warnings.Add);

        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add(await provider.GetAccessTokenAsync(CancellationToken.None));
        }

        tokens.Should().Equal("I0.at-NEW@", "I0.at-NEW@", "I0.at-NEW@");
        warnings.Should().HaveCount(3);
        store.Saves.Should().BeEmpty();
        await provider.GetAccessTokenAsync(CancellationToken.None);
        store.Saves.Should().ContainSingle();
        await provider.GetAccessTokenAsync(CancellationToken.None);
        store.Saves.Should().ContainSingle("a saved token is not saved again");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
    }

    [Test]
    public async Task GetAccessToken_SaveAfterRefreshCancelled_ReturnsTheTokenAndNextCallSavesIt()
    {
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt)) { CancelNextSave = true };
        var warnings = new List<Exception>();
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt)), warnings.Add);

        (await provider.GetAccessTokenAsync(CancellationToken.None)).Should().Be("I0.at-NEW@");
        warnings.Should().ContainSingle().Which.Should().BeOfType<TimeoutException>();
        store.Saves.Should().BeEmpty();

        await provider.GetAccessTokenAsync(CancellationToken.None);

        SchwabTokenFile.Parse(store.Saves.Should().ContainSingle().Subject, "saved").Token.AccessToken.Should().Be("I0.at-NEW@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
    }

    [Test]
    public async Task GetAccessToken_CallerCancelledDuringTheSave_Throws()
    {
        // The caller's own deadline still ends the call (every wait bounded by the deadline).
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(TokenFixtures.TokenResponse()));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => provider.GetAccessTokenAsync(cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task GetAccessToken_RefreshTokenOlderThanSevenDays_AsksForLoginWithoutCallingSchwab()
    {
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Created) + TimeSpan.FromDays(7));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), time);

        var act = () => provider.GetAccessTokenAsync(CancellationToken.None);

        var e = (await act.Should().ThrowAsync<ReauthenticationRequiredException>()).Which;
        e.Reason.Should().Be(ReauthReason.RefreshTokenExpired);
        e.Message.Should().Contain("alphakite auth").And.Contain("7 days").And.NotContain("rt-OLD");
        _server.Requests.Should().BeEmpty();
        store.Saves.Should().BeEmpty();
    }

    [Test]
    public async Task GetAccessToken_SchwabRejectsRefreshToken_ReauthenticationOnceAndNothingSaved()
    {
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json(
            """{"error":"unsupported_token_type","error_description":"400 Bad Request: \"{\"error_description\":\"Exception while authenticating refresh token [rt-OLD-refresh]\",\"error\":\"refresh_token_authentication_error\"}\""}""", 400));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt)));

        var act = () => provider.GetAccessTokenAsync(CancellationToken.None);

        var e = (await act.Should().ThrowAsync<ReauthenticationRequiredException>()).Which;
        e.Reason.Should().Be(ReauthReason.RefreshTokenRejected);
        e.Message.Should().Contain("alphakite auth").And.NotContain("rt-OLD-refresh");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
        store.Saves.Should().BeEmpty();
    }

    [Test]
    public async Task GetAccessToken_RejectedButANewLoginWasUploaded_UsesTheUploadedToken()
    {
        _server.Always(TestSchwab.TokenPath, ScriptedReply.Json("""{"error":"invalid_client","error_description":"refresh token invalid"}""", 400));
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Created));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), time);
        await provider.GetAccessTokenAsync(CancellationToken.None);
        // A person logs in again and uploads; the warm process still holds the old document.
        time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(ExpiresAt));
        store.Document = TokenFixtures.File(ExpiresAt, ExpiresAt + 1800, refresh: "rt-UPLOADED", access: "I0.at-UPLOADED@");

        var token = await provider.GetAccessTokenAsync(CancellationToken.None);

        token.Should().Be("I0.at-UPLOADED@");
        _server.RequestsTo(TestSchwab.TokenPath).Should().ContainSingle();
        provider.RefreshTokenLifeLeft.Should().Be(TimeSpan.FromDays(7));
    }

    [Test]
    public async Task RefreshTokenLifeLeft_AfterLoad_IsSevenDaysFromCreationMinusNow()
    {
        var store = new MemoryTokenStore(TokenFixtures.File(Created, ExpiresAt));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Created) + TimeSpan.FromMinutes(10));
        using var provider = new SchwabTokenProvider(store, TestSchwab.OAuth(_server, _http), time);
        provider.RefreshTokenLifeLeft.Should().BeNull();

        await provider.GetAccessTokenAsync(CancellationToken.None);

        provider.RefreshTokenLifeLeft.Should().Be(TimeSpan.FromMinutes((7 * 24 * 60) - 10));
    }
}
