using System.Net;

namespace AlphaKite.IntegrationTests.Sandbox;

[TestFixture]
[Category("Integration")]
public sealed class AuthorizeEndpointTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Authorize_RegisteredAppAndCallback_RedirectsToCallbackWithPercentEncodedCodeAndSession()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);

        using var response = await sandbox.AuthorizeAsync(state: "xyz 1");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).TrimEnd('/').Should().Be(SandboxHarness.Callback);
        var rawCode = SandboxHarness.QueryValue(location, "code");
        rawCode.Should().EndWith("%40", "Schwab's codes end in '@', which the callback carries percent-encoded");
        Uri.UnescapeDataString(rawCode!).Should().EndWith("@").And.NotContain("%");
        Guid.TryParse(SandboxHarness.QueryValue(location, "session"), out _).Should().BeTrue();
        SandboxHarness.QueryValue(location, "state").Should().Be("xyz%201");
    }

    [TestCase("someone-else", SandboxHarness.Callback, TestName = "Authorize_UnknownClientId_Returns400Page")]
    [TestCase(SandboxHarness.AppKey, "https://127.0.0.1:8182/", TestName = "Authorize_CallbackWithTrailingSlash_Returns400Page")]
    [TestCase(SandboxHarness.AppKey, "https://127.0.0.1:8183", TestName = "Authorize_CallbackWithOtherPort_Returns400Page")]
    public async Task Authorize_Mismatch_Returns400Page(string clientId, string redirectUri)
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);

        using var response = await sandbox.AuthorizeAsync(clientId, redirectUri);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Test]
    public async Task Authorize_ResponseTypeToken_Returns400Page()
    {
        await using var sandbox = await SandboxHarness.StartAsync(Now);

        using var response = await sandbox.Http.GetAsync($"v1/oauth/authorize?response_type=token&client_id={SandboxHarness.AppKey}&redirect_uri={Uri.EscapeDataString(SandboxHarness.Callback)}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
