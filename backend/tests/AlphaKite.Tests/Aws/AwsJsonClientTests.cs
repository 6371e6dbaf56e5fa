using AlphaKite.Aws.Json;
using AlphaKite.Aws.Secrets;
using AlphaKite.Aws.Signing;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Aws;

/// <summary>The JSON 1.1 client over real HTTP on loopback (moto-backed tests live in the integration suite).</summary>
public class AwsJsonClientTests
{
    private static readonly AwsCredentials Credentials = new("AKID", "SECRET", "SESSION");

    [Test]
    public async Task Get_ValueReturned_SendsSignedJson11Request()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (200, "{\"ARN\":\"arn\",\"Name\":\"s\",\"VersionId\":\"v1\",\"SecretString\":\"{}\"}"));
        using var http = new HttpClient();

        // Act
        var value = await new SecretsManagerTokenStore(Client(http, server), "schwab-api-token-prod").LoadAsync(CancellationToken.None);

        // Assert
        value.Should().Be("{}");
        var request = server.Requests.Single();
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/");
        request.Headers["Content-Type"].Should().Be("application/x-amz-json-1.1");
        request.Headers["X-Amz-Target"].Should().Be("secretsmanager.GetSecretValue");
        request.Headers["X-Amz-Security-Token"].Should().Be("SESSION");
        request.Headers["Authorization"].Should().StartWith("AWS4-HMAC-SHA256 Credential=AKID/")
            .And.Contain("/us-east-1/secretsmanager/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=");
        request.Body.Should().Be("{\"SecretId\":\"schwab-api-token-prod\"}");
    }

    [TestCase(400, "{\"__type\":\"com.amazonaws.secretsmanager#AccessDeniedException\",\"Message\":\"not allowed\"}", "AccessDeniedException", "not allowed")]
    [TestCase(404, "{\"__type\":\"ValidationException\",\"message\":\"lower-case message (moto)\"}", "ValidationException", "lower-case message (moto)")]
    [TestCase(403, "<html>Access Denied</html>", "Http403", "<html>Access Denied</html>")]
    public async Task Post_ErrorBody_ThrowsServiceExceptionWithTypeAndMessage(int status, string body, string type, string message)
    {
        // Arrange
        using var server = new LoopbackServer(_ => (status, body));
        using var http = new HttpClient();

        // Act
        var act = () => new ParameterStore(Client(http, server)).GetAsync(["/p/a"], CancellationToken.None);

        // Assert
        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Type.Should().Be(type);
        error.ServiceMessage.Should().Be(message);
        error.StatusCode.Should().Be(status);
        error.Message.Should().StartWith($"AmazonSSM.GetParameters failed: {type} (HTTP {status}): {message}");
        server.Requests.Should().ContainSingle("client errors are not retried");
    }

    [Test]
    public async Task Post_AccessDenied_MessageSaysToCheckTheRole()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (400, "{\"__type\":\"AccessDeniedException\",\"Message\":\"no\"}"));
        using var http = new HttpClient();

        // Act
        var act = () => new ParameterStore(Client(http, server)).GetAsync(["/p/a"], CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<AwsServiceException>().WithMessage("*check the function role (infrastructure/iam.tf).");
    }

    [Test]
    public async Task Post_ThrottledThenServerErrorThenOk_RetriesUntilSuccess()
    {
        // Arrange
        var answers = new Queue<(int, string)>([
            (400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"),
            (500, "{\"__type\":\"InternalServiceError\",\"message\":\"oops\"}"),
            (200, "{\"Parameters\":[{\"Name\":\"/p/a\",\"Value\":\"1\",\"Type\":\"SecureString\"}],\"InvalidParameters\":[]}"),
        ]);
        using var server = new LoopbackServer(_ => answers.Dequeue());
        using var http = new HttpClient();

        // Act
        var values = await new ParameterStore(Client(http, server)).GetAsync(["/p/a"], CancellationToken.None);

        // Assert
        values.Should().Equal(new Dictionary<string, string> { ["/p/a"] = "1" });
        server.Requests.Should().HaveCount(3);
    }

    [Test]
    public async Task Post_AlwaysServerError_GivesUpAfterThreeAttempts()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (503, "{\"__type\":\"ServiceUnavailable\",\"message\":\"down\"}"));
        using var http = new HttpClient();

        // Act
        var act = () => new ParameterStore(Client(http, server)).GetAsync(["/p/a"], CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<AwsServiceException>().Where(e => e.Type == "ServiceUnavailable");
        server.Requests.Should().HaveCount(3);
    }

    [Test]
    public async Task Post_DeadlinePassesDuringAFailingAttempt_DoesNotRetry()
    {
        // Arrange
        using var deadline = new CancellationTokenSource();
        using var server = new LoopbackServer(_ =>
        {
            deadline.Cancel();
            return (503, "{\"__type\":\"ServiceUnavailable\",\"message\":\"down\"}");
        });
        using var http = new HttpClient();

        // Act
        var act = () => new ParameterStore(Client(http, server)).GetAsync(["/p/a"], deadline.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        server.Requests.Should().ContainSingle("the caller's deadline ends the retries");
    }

    [Test]
    public async Task GetParameters_SomeMissing_ThrowsNamingEachMissingParameter()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (200,
            "{\"Parameters\":[{\"Name\":\"/alpha-kite/prod/schwab-app-key\",\"Value\":\"k\"}],\"InvalidParameters\":[\"/alpha-kite/prod/schwab-app-secret\",\"/alpha-kite/prod/database-url\"]}"));
        using var http = new HttpClient();

        // Act
        var act = () => new ParameterStore(Client(http, server)).GetAsync(
            ["/alpha-kite/prod/schwab-app-key", "/alpha-kite/prod/schwab-app-secret", "/alpha-kite/prod/database-url"], CancellationToken.None);

        // Assert
        await act.Should().ThrowAsync<SecretUnavailableException>().WithMessage(
            "SSM parameters not found: /alpha-kite/prod/schwab-app-secret, /alpha-kite/prod/database-url. Create each with `aws ssm put-parameter --type SecureString --name /alpha-kite/prod/schwab-app-secret*");
        server.Requests.Single().Body.Should().Be(
            "{\"Names\":[\"/alpha-kite/prod/schwab-app-key\",\"/alpha-kite/prod/schwab-app-secret\",\"/alpha-kite/prod/database-url\"],\"WithDecryption\":true}");
    }

    [Test]
    public async Task Save_TwoSaves_EachSendsAFreshClientRequestToken()
    {
        // Arrange
        using var server = new LoopbackServer(_ => (200, "{\"ARN\":\"arn\",\"VersionId\":\"v2\"}"));
        using var http = new HttpClient();
        var store = new SecretsManagerTokenStore(Client(http, server), "schwab-api-token-prod");

        // Act
        await store.SaveAsync("{\"a\":1}", CancellationToken.None);
        await store.SaveAsync("{\"a\":2}", CancellationToken.None);

        // Assert
        var tokens = server.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("ClientRequestToken").GetString()).ToList();
        tokens.Should().OnlyHaveUniqueItems().And.AllSatisfy(t => Guid.TryParse(t, out _).Should().BeTrue());
        server.Requests[0].Headers["X-Amz-Target"].Should().Be("secretsmanager.PutSecretValue");
    }

    private static AwsJsonClient Client(HttpClient http, LoopbackServer server, string service = "secretsmanager") =>
        new(http, Credentials, "us-east-1", service, server.Url, TimeProvider.System);
}
