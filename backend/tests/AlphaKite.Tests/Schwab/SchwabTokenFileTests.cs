using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Tests.Schwab;

public class SchwabTokenFileTests
{
    [Test]
    public void Parse_SchwabPyFile_ReadsEveryMember()
    {
        var file = SchwabTokenFile.Parse(TokenFixtures.SchwabPyFile, "t.json");

        file.CreationTimestamp.Should().Be(1731000000);
        file.Token.Should().BeEquivalentTo(new
        {
            ExpiresIn = 1800L,
            TokenType = "Bearer",
            Scope = "api",
            RefreshToken = "rt-OLD-refresh",
            AccessToken = "I0.at-OLD@",
            IdToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
            ExpiresAt = 1731001800L,
        });
        // 1731000000 is 2024-11-07T17:20:00Z; the refresh token dies 7 days later.
        file.RefreshTokenExpiresAt.Should().Be(new DateTimeOffset(2024, 11, 14, 17, 20, 0, TimeSpan.Zero));
    }

    [Test]
    public void ParseThenWrite_UnknownMembersAndAnyKeyOrder_KeepsUnknownMembers()
    {
        const string json = """
            {"token": {"expires_at": 1731001800, "access_token": "a", "refresh_token": "r", "future": {"x": [1, 2]}},
             "extra_top": "kept", "creation_timestamp": 1731000000}
            """;

        var written = SchwabTokenFile.Parse(json, "t.json").ToJson();

        written.Should().Contain("\"extra_top\":\"kept\"").And.Contain("\"future\":{\"x\":[1,2]}");
        SchwabTokenFile.Parse(written, "again").CreationTimestamp.Should().Be(1731000000);
    }

    [TestCase("""{"token": {"access_token": "a", "refresh_token": "r", "expires_at": 1}}""", "creation_timestamp")]
    [TestCase("""{"creation_timestamp": 1}""", "token")]
    [TestCase("""{"creation_timestamp": 1, "token": {"access_token": "a", "expires_at": 1}}""", "token.refresh_token")]
    [TestCase("""{"creation_timestamp": 1, "token": {"refresh_token": "r", "access_token": "", "expires_at": 1}}""", "token.access_token")]
    public void Parse_MissingMember_NamesTheMemberAndTheFix(string json, string member)
    {
        var act = () => SchwabTokenFile.Parse(json, "/x/schwab_token.json");

        act.Should().Throw<TokenFileException>()
            .WithMessage($"*/x/schwab_token.json*'{member}'*alphakite auth*");
    }

    [TestCase("not json at all")]
    [TestCase("""{"creation_timestamp": 1, "token": {"access_token": "SECRET-AT", """)]
    [TestCase("null")]
    public void Parse_NotATokenDocument_SaysSoWithoutEchoingContent(string json)
    {
        var act = () => SchwabTokenFile.Parse(json, "t.json");

        act.Should().Throw<TokenFileException>().WithMessage("*t.json*alphakite auth*")
            .Which.Message.Should().NotContain("SECRET-AT");
    }

    [Test]
    public void Parse_FloatTimestampsFromOtherWriters_FloorsToWholeSeconds()
    {
        var json = """{"creation_timestamp": 1731000000.9, "token": {"access_token": "a", "refresh_token": "r", "expires_at": 1.7310018E9}}""";

        var file = SchwabTokenFile.Parse(json, "t.json");

        file.CreationTimestamp.Should().Be(1731000000);
        file.Token.ExpiresAt.Should().Be(1731001800);
    }

    [Test]
    public void Parse_NoExpiresAt_TreatsAccessTokenAsExpired()
    {
        // schwab-py would assume "fresh"; a stale assumption costs one refresh, a fresh one costs a 401.
        var file = SchwabTokenFile.Parse("""{"creation_timestamp": 5, "token": {"access_token": "a", "refresh_token": "r"}}""", "t.json");

        file.Token.ExpiresAt.Should().Be(0);
    }

    [Test]
    public void ToJson_ReadByPython_HasSchwabPyShapeWithIntegerTimestamps()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ak-token-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, SchwabTokenFile.Parse(TokenFixtures.SchwabPyFile, "t").ToJson());

            PythonJson.Check(path, PythonJson.SchwabPyShape + """

                assert d['creation_timestamp'] == 1731000000
                assert d['token']['expires_at'] == 1731001800
                assert d['token']['access_token'] == 'I0.at-OLD@'
                assert list(d.keys()) == ['creation_timestamp', 'token']
                """);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void WithRefresh_NewRefreshToken_KeepsCreationAndStoresNewTokenAndExpiry()
    {
        var file = SchwabTokenFile.Parse(TokenFixtures.SchwabPyFile, "t");
        var receivedAt = DateTimeOffset.FromUnixTimeSeconds(1731005000);

        var refreshed = file.WithRefresh(new TokenResponse(1800, "Bearer", "api", "rt-NEW", "at-NEW", "idt"), receivedAt);

        refreshed.CreationTimestamp.Should().Be(1731000000);
        refreshed.Token.RefreshToken.Should().Be("rt-NEW");
        refreshed.Token.AccessToken.Should().Be("at-NEW");
        refreshed.Token.ExpiresAt.Should().Be(1731005000 + 1800);
    }

    [Test]
    public void WithRefresh_NoRefreshTokenReturned_KeepsTheOldOne()
    {
        var file = SchwabTokenFile.Parse(TokenFixtures.SchwabPyFile, "t");

        var refreshed = file.WithRefresh(new TokenResponse(1800, "Bearer", "api", null, "at-NEW", null), DateTimeOffset.UnixEpoch);

        refreshed.Token.RefreshToken.Should().Be("rt-OLD-refresh");
    }

    [Test]
    public void ToString_Always_HidesTokens()
    {
        var file = SchwabTokenFile.Parse(TokenFixtures.SchwabPyFile, "t");

        file.ToString().Should().NotContain("rt-OLD").And.NotContain("at-OLD");
        file.Token.ToString().Should().NotContain("rt-OLD").And.NotContain("at-OLD");
    }
}
