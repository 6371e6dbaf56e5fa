using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaKite.Aws.Signing;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Aws;

/// <summary>Signatures compared byte for byte with botocore's SigV4Auth, an independent implementation.</summary>
public class SigV4SignerTests
{
    private const string Oracle = """
        import json, sys, datetime
        from unittest import mock
        import botocore.auth
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        out = []
        for c in json.load(sys.stdin):
            req = AWSRequest(method=c["method"], url=c["url"], data=c["body"].encode("utf-8"), headers=c["headers"])
            now = datetime.datetime.strptime(c["date"], "%Y%m%dT%H%M%SZ")
            # Newer botocore reads get_current_datetime(); older (Debian 12's python3-botocore 1.29) datetime.datetime.utcnow().
            if hasattr(botocore.auth, "get_current_datetime"):
                clock = mock.patch("botocore.auth.get_current_datetime", return_value=now)
            else:
                clock = mock.patch("botocore.auth.datetime", **{"datetime.utcnow.return_value": now})
            with clock:
                SigV4Auth(Credentials(c["key"], c["secret"], c.get("token")), c["service"], c["region"]).add_auth(req)
            out.append(req.headers["Authorization"])
        print(json.dumps(out))
        """;

    private static readonly SignCase[] Cases =
    [
        new("POST", "https://secretsmanager.us-east-1.amazonaws.com/", "secretsmanager", "us-east-1", "{\"SecretId\":\"schwab-api-token-prod\"}",
            "secretsmanager.GetSecretValue", null, new DateTimeOffset(2025, 8, 1, 13, 30, 5, TimeSpan.Zero)),
        new("POST", "https://ssm.eu-west-2.amazonaws.com/", "ssm", "eu-west-2", "{\"Names\":[\"/alpha-kite/prod/schwab-app-key\"],\"WithDecryption\":true}",
            "AmazonSSM.GetParameters", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ", new DateTimeOffset(2026, 1, 8, 23, 59, 59, TimeSpan.Zero)),
        new("POST", "http://127.0.0.1:5000/", "secretsmanager", "us-east-1", "{\"SecretId\":\"x\",\"SecretString\":\"{\\\"a\\\": 1}\",\"ClientRequestToken\":\"8a1b\"}",
            "secretsmanager.PutSecretValue", "FwoGZXIvYXdzEBYaDH", new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero)),
        new("GET", "https://monitoring.us-west-2.amazonaws.com/?Version=2010-08-01&Action=ListMetrics&Namespace=AlphaKiteMax%2FRealTimeStreaming", "monitoring", "us-west-2", "",
            null, null, new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero)),
        new("POST", "https://logs.ap-southeast-2.amazonaws.com/a%20b/c~d", "logs", "ap-southeast-2", "{\"unicode\":\"caf\u00e9\"}",
            "Logs_20140328.PutLogEvents", "token with  spaces", new DateTimeOffset(2025, 3, 9, 7, 0, 0, TimeSpan.Zero)),
    ];

    [Test]
    public void Sign_KnownRequests_AuthorizationMatchesBotocoreByteForByte()
    {
        // Arrange
        if (!Prerequisite.CanRun("python3", "-c", "import botocore"))
        {
            Prerequisite.Missing("python3 with botocore", "apt-get install python3-botocore, or python3 -m pip install botocore (./test.sh installs it, --unit too)");
        }

        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        var input = new JsonArray(Cases.Select(c => (JsonNode)new JsonObject
        {
            ["method"] = c.Method, ["url"] = c.Url, ["service"] = c.Service, ["region"] = c.Region, ["body"] = c.Body,
            ["key"] = credentials.AccessKeyId, ["secret"] = credentials.SecretAccessKey, ["token"] = c.SessionToken,
            ["date"] = c.Now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["headers"] = Headers(c).Aggregate(new JsonObject(), (o, h) => { o[h.Key] = h.Value; return o; }),
        }).ToArray());

        // Act
        var (exit, stdout, stderr) = ProcessRunner.Run("python3", ["-c", Oracle], stdin: input.ToJsonString());
        exit.Should().Be(0, stderr);
        var expected = JsonSerializer.Deserialize<string[]>(stdout);
        var actual = Cases.Select(c => SigV4Signer.Sign(
                new SigV4Request(c.Method, new Uri(c.Url), Headers(c), Encoding.UTF8.GetBytes(c.Body)),
                credentials with { SessionToken = c.SessionToken }, c.Region, c.Service, c.Now)
            .Single(h => h.Key == "Authorization").Value).ToArray();

        // Assert
        actual.Should().Equal(expected);
    }

    [Test]
    public void Sign_SessionToken_AddsSignedSecurityTokenHeader()
    {
        // Arrange
        var request = new SigV4Request("POST", new Uri("https://ssm.us-east-1.amazonaws.com/"), new Dictionary<string, string>(), []);

        // Act
        var headers = SigV4Signer.Sign(request, new AwsCredentials("AKID", "SECRET", "SESSION"), "us-east-1", "ssm", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

        // Assert
        headers.Should().Contain(new KeyValuePair<string, string>("X-Amz-Date", "20250102T030405Z"));
        headers.Should().Contain(new KeyValuePair<string, string>("X-Amz-Security-Token", "SESSION"));
        headers.Single(h => h.Key == "Authorization").Value.Should().Contain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
    }

    [Test]
    public void Sign_ContentSha256Requested_AddsHexHashOfBody()
    {
        // Arrange: SHA-256 of the empty string, a published constant.
        var request = new SigV4Request("GET", new Uri("https://s3.amazonaws.com/"), new Dictionary<string, string>(), []);

        // Act
        var headers = SigV4Signer.Sign(request, new AwsCredentials("AKID", "SECRET"), "us-east-1", "s3", DateTimeOffset.UnixEpoch, addContentSha256: true);

        // Assert
        headers.Should().Contain(new KeyValuePair<string, string>("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        headers.Should().NotContain(h => h.Key == "X-Amz-Security-Token");
    }

    [Test]
    public void SigningKey_AwsDocumentationExample_MatchesPublishedKey()
    {
        // Arrange: the worked example in the AWS General Reference (secret, 20150830, us-east-1, iam).
        const string published = "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9";

        // Act
        var key = SigV4Signer.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");

        // Assert
        Convert.ToHexStringLower(key).Should().Be(published);
    }

    private static Dictionary<string, string> Headers(SignCase c)
    {
        var headers = new Dictionary<string, string>();
        if (c.Method == "POST")
        {
            headers["Content-Type"] = "application/x-amz-json-1.1";
        }

        if (c.Target is not null)
        {
            headers["X-Amz-Target"] = c.Target;
        }

        return headers;
    }

    private sealed record SignCase(string Method, string Url, string Service, string Region, string Body, string? Target, string? SessionToken, DateTimeOffset Now);
}
