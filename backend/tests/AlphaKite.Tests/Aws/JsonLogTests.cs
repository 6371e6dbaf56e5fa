using System.Text.Json;
using AlphaKite.Aws.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AlphaKite.Tests.Aws;

public class JsonLogTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 1, 6, 15, 0, 30, 123, TimeSpan.Zero));

    [Test]
    public void Info_WithFields_WritesOneJsonObjectLine()
    {
        // Arrange
        using var output = new StringWriter();
        var log = new JsonLog(output, LogLevel.Information, Clock).ForRequest("req-1");

        // Act
        log.Info("tick succeeded", new LogField("tickers", new[] { "QQQ", "SPY" }), new LogField("bars", 31), new LogField("skipped", false));

        // Assert
        var line = output.ToString().TrimEnd('\n');
        line.Should().NotContain("\n");
        var root = JsonDocument.Parse(line).RootElement;
        root.GetProperty("timestamp").GetString().Should().Be("2025-01-06T15:00:30.123Z");
        root.GetProperty("level").GetString().Should().Be("Information");
        root.GetProperty("message").GetString().Should().Be("tick succeeded");
        root.GetProperty("requestId").GetString().Should().Be("req-1");
        root.GetProperty("tickers").GetRawText().Should().Be("[\"QQQ\",\"SPY\"]");
        root.GetProperty("bars").GetInt32().Should().Be(31);
        root.GetProperty("skipped").GetBoolean().Should().BeFalse();
    }

    [TestCase(LogLevel.Warning, LogLevel.Information, false)]
    [TestCase(LogLevel.Warning, LogLevel.Error, true)]
    [TestCase(LogLevel.Debug, LogLevel.Debug, true)]
    [TestCase(LogLevel.Information, LogLevel.Debug, false)]
    public void Write_BelowMinimum_IsDropped(LogLevel minimum, LogLevel level, bool written)
    {
        // Arrange
        using var output = new StringWriter();

        // Act
        new JsonLog(output, minimum, Clock).Write(level, "x");

        // Assert
        (output.ToString().Length > 0).Should().Be(written);
    }

    [TestCase("Debug", LogLevel.Debug)]
    [TestCase("information", LogLevel.Information)]
    [TestCase("WARN", LogLevel.Warning)]
    [TestCase("Error", LogLevel.Error)]
    [TestCase(null, LogLevel.Information)]
    [TestCase("", LogLevel.Information)]
    public void ParseLevel_KnownNames_Parse(string? text, LogLevel expected) => JsonLog.ParseLevel(text).Should().Be(expected);

    [Test]
    public void ParseLevel_Unknown_ThrowsNamingTheChoices() =>
        FluentActions.Invoking(() => JsonLog.ParseLevel("verbose")).Should().Throw<ArgumentException>()
            .WithMessage("LOG_LEVEL 'verbose' is not one of Debug, Information, Warning, Error.*");

    [TestCase("password", "hunter2")]
    [TestCase("databaseUrl", "postgresql://u:p@h/db")]
    [TestCase("refresh_token", "abc")]
    [TestCase("accessToken", "abc")]
    [TestCase("connectionString", "Host=h;Password=p")]
    [TestCase("appSecret", "s3cr3t-value")]
    [TestCase("Authorization", "Bearer x")]
    public void Write_SensitiveFieldName_ValueMasked(string key, string value)
    {
        // Arrange
        using var output = new StringWriter();

        // Act
        new JsonLog(output, LogLevel.Debug, Clock).Info("m", new LogField(key, value));

        // Assert
        JsonDocument.Parse(output.ToString()).RootElement.GetProperty(key).GetString().Should().Be("[redacted]");
        output.ToString().Should().NotContain(value);
    }

    [TestCase("connect failed: postgresql://postgres.abc:S3cr3t-pass@aws-0-us-east-1.pooler.supabase.com:6543/postgres", "S3cr3t-pass")]
    [TestCase("bad string Host=h;Username=u;Password=S3cr3t;Database=d", "S3cr3t")]
    [TestCase("sent Authorization: Bearer I0.b2F1dGgyLmJkYy5zY2h3YWIuY29t.Zx9@", "I0.b2F1dGgyLmJkYy5zY2h3YWIuY29t.Zx9@")]
    [TestCase("{\"refresh_token\": \"rt-12345\", \"expires_in\": 1800}", "rt-12345")]
    [TestCase("id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl here", "eyJhbGciOiJSUzI1NiJ9")]
    [TestCase("key AQoDYXdzEJr1K2dH8mVx9Qz3nLpT7wRb4sYc6eUf0iOg5aJk here", "AQoDYXdzEJr1K2dH8mVx9Qz3nLpT7wRb4sYc6eUf0iOg5aJk")]
    public void Write_SecretInMessageOrValue_IsRedacted(string text, string secret)
    {
        // Arrange
        using var output = new StringWriter();

        // Act
        new JsonLog(output, LogLevel.Debug, Clock).Error(text, new LogField("detail", text), new LogField("error", new InvalidOperationException(text)));

        // Assert
        output.ToString().Should().NotContain(secret).And.Contain("[redacted]");
    }

    [TestCase("secret schwab-api-token-prod does not exist")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:alpha-kite-real-time-streamer")]
    [TestCase("/aws/lambda/alpha-kite-real-time-streamer/2025/01/06/[$LATEST]0123456789abcdef0123456789abcdef")]
    [TestCase("request 8f14e45f-ceea-467f-a0e6-5b3a0d2f1c9a took 412 ms")]
    public void Redact_OrdinaryText_Unchanged(string text) => LogRedactor.Redact(text).Should().Be(text);
}
