using System.Text.Json;
using AlphaKite.Aws.Json;
using AlphaKite.Aws.Secrets;
using AlphaKite.Aws.Signing;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Aws;

/// <summary>The SSM token store's requests and its reading of answers, over real HTTP on loopback
/// (moto and the real bootstrap: the integration suite).</summary>
public class SsmTokenStoreTests
{
    private const string Name = "/alpha-kite/prod/schwab-token";
    private const string Document = "{\"creation_timestamp\": 1715000000, \"token\": {\"refresh_token\": \"rt-secret-0123456789\"}}";

    [Test]
    public async Task Load_Value_SendsGetParameterWithDecryption()
    {
        // Arrange
        var answer = JsonSerializer.Serialize(new { Parameter = new { Name, Type = "SecureString", Value = Document, Version = 7 } });
        using var server = new LoopbackServer(_ => (200, answer));
        using var http = new HttpClient();

        // Act
        var value = await Store(http, server).LoadAsync(CancellationToken.None);

        // Assert
        value.Should().Be(Document);
        var request = server.Requests.Single();
        request.Headers["X-Amz-Target"].Should().Be("AmazonSSM.GetParameter");
        request.Headers["Authorization"].Should().Contain("/us-east-1/ssm/aws4_request");
        request.Body.Should().Be($"{{\"Name\":\"{Name}\",\"WithDecryption\":true}}");
    }

    [Test]
    public async Task Save_Document_SendsPutParameterSecureStringOverwrite()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (200, "{\"Version\":8,\"Tier\":\"Standard\"}"));
        using var http = new HttpClient();

        // Act
        await Store(http, server).SaveAsync(Document, CancellationToken.None);

        // Assert
        var request = server.Requests.Single();
        request.Headers["X-Amz-Target"].Should().Be("AmazonSSM.PutParameter");
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("Name", "Value", "Type", "Overwrite");
        (body.RootElement.GetProperty("Name").GetString(), body.RootElement.GetProperty("Value").GetString(),
            body.RootElement.GetProperty("Type").GetString(), body.RootElement.GetProperty("Overwrite").GetBoolean())
            .Should().Be((Name, Document, "SecureString", true));
    }

    [TestCase("NO_TOKEN_UPLOADED_YET")]
    [TestCase("NO_TOKEN_UPLOADED_YET\n")]
    public async Task Load_Placeholder_SaysNoTokenYetAndTheUploadCommand(string placeholder)
    {
        // Arrange
        var answer = JsonSerializer.Serialize(new { Parameter = new { Name, Type = "SecureString", Value = placeholder, Version = 1 } });
        using var server = new LoopbackServer(_ => (200, answer));
        using var http = new HttpClient();

        // Act
        var act = () => Store(http, server).LoadAsync(CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<SecretUnavailableException>().WithMessage(
            $"SSM parameter {Name} exists but holds no token yet. Log in locally (`alphakite auth`), then upload the token file: "
            + $"`aws ssm put-parameter --name {Name} --type SecureString --overwrite --value file://backend/config/schwab_token.json`");
    }

    [Test]
    public async Task Load_ParameterNotFound_SaysHowToCreateIt()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (400, "{\"__type\":\"ParameterNotFound\",\"message\":\"\"}"));
        using var http = new HttpClient();

        // Act
        var act = () => Store(http, server).LoadAsync(CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<SecretUnavailableException>().WithMessage(
            $"SSM parameter {Name} does not exist in this account and region. Create it with `terraform -chdir=infrastructure apply` (token_store = \"ssm\")*"))
            .Which.InnerException.Should().BeOfType<AwsServiceException>();
    }

    [Test]
    public async Task Save_MoreThan4KB_FailsWithoutSendingIt()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (200, "{\"Version\":2}"));
        using var http = new HttpClient();
        var large = "{\"token\": {\"id_token\": \"" + new string('x', 4100) + "\"}}";

        // Act
        var act = () => Store(http, server).SaveAsync(large, CancellationToken.None);

        // Assert
        var error = (await act.Should().ThrowAsync<SecretUnavailableException>()
            .WithMessage($"The token file is {large.Length} bytes; SSM parameter {Name} (standard tier) holds at most 4096. Use token_store = \"secretsmanager\"*")).Which;
        error.Message.Should().NotContain("xxxxxxxx");
        server.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Save_ExactlyFourKB_IsSent()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (200, "{\"Version\":2}"));
        using var http = new HttpClient();
        var prefix = "{\"a\":\"";
        var document = prefix + new string('y', 4096 - prefix.Length - 2) + "\"}";

        // Act
        await Store(http, server).SaveAsync(document, CancellationToken.None);

        // Assert
        document.Length.Should().Be(4096);
        server.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task Save_ErrorQuotingTheValue_KeepsTheErrorWithoutTheToken()
    {
        // Arrange: a validation error that echoes the value (moto's style), escaped as JSON text.
        var echoed = JsonSerializer.Serialize(new { __type = "ValidationException", message = $"Value '{Document}' at 'value' failed to satisfy constraint" });
        using var server = new LoopbackServer(_ => (400, echoed));
        using var http = new HttpClient();

        // Act
        var act = () => Store(http, server).SaveAsync(Document, CancellationToken.None);

        // Assert
        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Type.Should().Be("ValidationException");
        error.Message.Should().Be("AmazonSSM.PutParameter failed: ValidationException (HTTP 400): Value '[token]' at 'value' failed to satisfy constraint");
        error.ToString().Should().NotContain("rt-secret-0123456789");
    }

    private static SsmTokenStore Store(HttpClient http, LoopbackServer server) =>
        new(new AwsJsonClient(http, new AwsCredentials("AKID", "SECRET", null), "us-east-1", "ssm", server.Url, TimeProvider.System), Name);
}
