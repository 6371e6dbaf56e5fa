using System.Text.Json;
using AlphaKite.Aws.Json;
using AlphaKite.Aws.Secrets;
using AlphaKite.Aws.Signing;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Sandbox;
using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.IntegrationTests.Schwab;

/// <summary>The token provider as production wires it: the sandbox's token endpoint (real OAuth,
/// counting its grants) and the token secret in Secrets Manager (moto, counting its versions).</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class TokenProviderIntegrationTests
{
    private MotoServer _moto = null!;
    private SandboxServer _sandbox = null!;
    private HttpClient _http = null!;
    private string _secretId = null!;
    private readonly List<Exception> _warnings = [];

    [OneTimeSetUp]
    public void StartMoto()
    {
        _moto = MotoServer.Start();
        _http = new HttpClient();
    }

    [OneTimeTearDown]
    public void StopMoto()
    {
        _http.Dispose();
        _moto.Dispose();
    }

    [SetUp]
    public async Task UploadALoginAsync()
    {
        _warnings.Clear();
        _sandbox = await SandboxAccount.StartAsync();
        _secretId = "schwab-api-token-" + Guid.NewGuid().ToString("N")[..8];
        _moto.Aws("secretsmanager", "create-secret", "--name", _secretId, "--secret-string", await SandboxAccount.LoginAsync(_sandbox));
    }

    [TearDown]
    public async Task StopSandboxAsync() => await _sandbox.DisposeAsync();

    [Test]
    public async Task AfterRejection_ThreeCallersRejectedOnTheSameToken_OneTokenPostAndOneSavedVersion()
    {
        // Arrange: three tickers hold the same access token when Schwab revokes it.
        using var provider = Provider();
        var held = await provider.GetAccessTokenAsync(CancellationToken.None);
        _sandbox.Faults.ExpireAccessTokensNow();

        // Act: two report the 401 at once, the third after the refresh is done.
        var together = await Task.WhenAll(
            Task.Run(() => provider.GetAccessTokenAfterRejectionAsync(held, CancellationToken.None)),
            Task.Run(() => provider.GetAccessTokenAfterRejectionAsync(held, CancellationToken.None)));
        var late = await provider.GetAccessTokenAfterRejectionAsync(held, CancellationToken.None);

        // Assert
        together.Should().AllBe(late).And.NotContain(held);
        _sandbox.Stats.RefreshTokenGrants.Should().Be(1);
        VersionCount().Should().Be(2, "the upload and one saved refresh");
        StoredAccessToken().Should().Be(late);
    }

    [Test]
    public async Task AfterRejection_SecretUnwritableOnce_ReturnsTheRefreshedTokenAndTheNextCallSavesIt()
    {
        // Arrange: the secret is gone for a moment (deleted and created again, as a botched
        // `terraform apply` would), so the save after the refresh fails once.
        using var provider = Provider();
        var held = await provider.GetAccessTokenAsync(CancellationToken.None);
        var uploaded = _moto.Aws("secretsmanager", "get-secret-value", "--secret-id", _secretId, "--query", "SecretString", "--output", "text").TrimEnd('\n');
        _sandbox.Faults.ExpireAccessTokensNow();
        _moto.Aws("secretsmanager", "delete-secret", "--secret-id", _secretId, "--force-delete-without-recovery");

        var refreshed = await provider.GetAccessTokenAfterRejectionAsync(held, CancellationToken.None);
        refreshed.Should().NotBe(held, "a store that is down costs the caller its save, not its token");
        _warnings.Should().ContainSingle().Which.InnerException.Should().BeOfType<AwsServiceException>()
            .Which.Operation.Should().Be("secretsmanager.PutSecretValue");
        _moto.Aws("secretsmanager", "create-secret", "--name", _secretId, "--secret-string", uploaded);
        StoredAccessToken().Should().Be(held);

        // Act
        var next = await provider.GetAccessTokenAsync(CancellationToken.None);

        // Assert
        next.Should().Be(refreshed);
        StoredAccessToken().Should().Be(next);
        _sandbox.Stats.RefreshTokenGrants.Should().Be(1, "the refreshed token is saved, not refreshed again");
    }

    private SchwabTokenProvider Provider()
    {
        var aws = new AwsJsonClient(_http, new AwsCredentials("testing", "testing", "session"), MotoServer.Region, "secretsmanager", _moto.Endpoint, TimeProvider.System);
        var settings = new SchwabSettings(SandboxAccount.AppKey, SandboxAccount.AppSecret, _sandbox.Options.CallbackUrl, _sandbox.BaseUrl);
        return new SchwabTokenProvider(new SecretsManagerTokenStore(aws, _secretId), new SchwabOAuthClient(_http, settings), TimeProvider.System, _warnings.Add);
    }

    private string StoredAccessToken()
    {
        var value = JsonDocument.Parse(_moto.Aws("secretsmanager", "get-secret-value", "--secret-id", _secretId, "--output", "json")).RootElement;
        return JsonDocument.Parse(value.GetProperty("SecretString").GetString()!).RootElement.GetProperty("token").GetProperty("access_token").GetString()!;
    }

    private int VersionCount() =>
        JsonDocument.Parse(_moto.Aws("secretsmanager", "list-secret-version-ids", "--secret-id", _secretId, "--include-deprecated", "--output", "json"))
            .RootElement.GetProperty("Versions").GetArrayLength();
}
