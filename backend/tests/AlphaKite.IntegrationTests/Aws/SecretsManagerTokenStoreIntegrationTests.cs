using System.Text.Json;
using AlphaKite.Aws.Json;
using AlphaKite.Aws.Secrets;
using AlphaKite.Aws.Signing;
using AlphaKite.IntegrationTests.TestSupport;

namespace AlphaKite.IntegrationTests.Aws;

/// <summary>The token store and the parameter store against moto, with the secret created and
/// filled exactly as Terraform and the deployment guide's aws CLI commands do.</summary>
[Category("Integration")]
[NonParallelizable]
public class SecretsManagerTokenStoreIntegrationTests
{
    private const string SecretId = "schwab-api-token-prod";
    private MotoServer _moto = null!;
    private HttpClient _http = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public void StartMoto()
    {
        _moto = MotoServer.Start();
        _http = new HttpClient();
    }

    [OneTimeTearDown]
    public void StopMoto()
    {
        _http?.Dispose();
        _moto?.Dispose();
    }

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("alphakite-moto-").FullName;

    [TearDown]
    public void DeleteDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task LoadAndSave_SecretUploadedWithGuideCommand_RoundTripsAndMovesAwsCurrent()
    {
        // Arrange: Terraform creates the secret, a person uploads the token file with the guide's command.
        var id = SecretId + "-" + Guid.NewGuid().ToString("N")[..8];
        _moto.Aws("secretsmanager", "create-secret", "--name", id);
        var tokenFile = Path.Combine(_dir, "schwab_token.json");
        const string uploaded = """{"creation_timestamp": 1736100000, "token": {"expires_in": 1800, "token_type": "Bearer", "scope": "api", "refresh_token": "r1", "access_token": "a1", "id_token": "i1", "expires_at": 1736101800}}""";
        await File.WriteAllTextAsync(tokenFile, uploaded);
        _moto.Aws("secretsmanager", "put-secret-value", "--secret-id", id, "--secret-string", $"file://{tokenFile}");
        var before = VersionId(_moto.Aws("secretsmanager", "get-secret-value", "--secret-id", id));
        var store = Store(id);

        // Act
        var loaded = await store.LoadAsync(CancellationToken.None);
        const string refreshed = """{"creation_timestamp": 1736100000, "token": {"refresh_token": "r2", "access_token": "a2", "expires_at": 1736103600}}""";
        await store.SaveAsync(refreshed, CancellationToken.None);

        // Assert
        loaded.Should().Be(uploaded);
        var after = JsonDocument.Parse(_moto.Aws("secretsmanager", "get-secret-value", "--secret-id", id)).RootElement;
        after.GetProperty("SecretString").GetString().Should().Be(refreshed);
        after.GetProperty("VersionId").GetString().Should().NotBe(before);
        (await store.LoadAsync(CancellationToken.None)).Should().Be(refreshed);
    }

    [Test]
    public async Task Load_SecretDoesNotExist_SaysHowToCreateAndUpload()
    {
        // Act
        var act = () => Store("schwab-api-token-missing").LoadAsync(CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<SecretUnavailableException>().WithMessage(
            "secret schwab-api-token-missing does not exist in this account and region. Create it*"
            + "`aws secretsmanager put-secret-value --secret-id schwab-api-token-missing --secret-string file://backend/config/schwab_token.json`");
    }

    [Test]
    public async Task Load_SecretCreatedWithoutValue_SaysToUploadTheTokenFile()
    {
        // Arrange: what Terraform leaves behind before the first upload.
        var id = SecretId + "-" + Guid.NewGuid().ToString("N")[..8];
        _moto.Aws("secretsmanager", "create-secret", "--name", id);

        // Act
        var act = () => Store(id).LoadAsync(CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<SecretUnavailableException>().WithMessage(
            $"secret {id} exists but holds no token yet.*`aws secretsmanager put-secret-value --secret-id {id} --secret-string file://backend/config/schwab_token.json`");
    }

    [Test]
    public async Task GetParameters_SecureStringsCreatedWithCli_ReturnsDecryptedValues()
    {
        // Arrange
        var prefix = $"/alpha-kite/{Guid.NewGuid():N}/";
        _moto.Aws("ssm", "put-parameter", "--type", "SecureString", "--name", prefix + "schwab-app-key", "--value", "app-key-1");
        _moto.Aws("ssm", "put-parameter", "--type", "SecureString", "--name", prefix + "database-url", "--value", "postgresql://u:p@h:6543/postgres");

        // Act
        var values = await new ParameterStore(Client("ssm")).GetAsync([prefix + "schwab-app-key", prefix + "database-url"], CancellationToken.None);

        // Assert
        values.Should().Equal(new Dictionary<string, string>
        {
            [prefix + "schwab-app-key"] = "app-key-1",
            [prefix + "database-url"] = "postgresql://u:p@h:6543/postgres",
        });
    }

    [Test]
    public async Task GetParameters_OneMissing_ThrowsNamingIt()
    {
        // Arrange
        var prefix = $"/alpha-kite/{Guid.NewGuid():N}/";
        _moto.Aws("ssm", "put-parameter", "--type", "SecureString", "--name", prefix + "schwab-app-key", "--value", "k");

        // Act
        var act = () => new ParameterStore(Client("ssm")).GetAsync([prefix + "schwab-app-key", prefix + "schwab-app-secret"], CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<SecretUnavailableException>().WithMessage($"SSM parameters not found: {prefix}schwab-app-secret. *");
    }

    private SecretsManagerTokenStore Store(string id) => new(Client("secretsmanager"), id);

    private AwsJsonClient Client(string service) =>
        new(_http, new AwsCredentials("testing", "testing", "session"), MotoServer.Region, service, _moto.Endpoint, TimeProvider.System);

    private static string? VersionId(string json) => JsonDocument.Parse(json).RootElement.GetProperty("VersionId").GetString();
}
