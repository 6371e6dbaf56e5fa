using AlphaKite.Aws.Logging;
using AlphaKite.Lambda;

namespace AlphaKite.Tests.Lambda;

public class LambdaSettingsTests
{
    internal static Dictionary<string, string?> Complete() => new()
    {
        ["ALPHAKITE_ENVIRONMENT"] = "prod",
        ["ALPHAKITE_TICKERS"] = "QQQ, spy",
        ["ALPHAKITE_TOKEN_SECRET_ID"] = "schwab-api-token-prod",
        ["ALPHAKITE_PARAMETER_PREFIX"] = "/alpha-kite/prod/",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "ASIAEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "secret-access-key-value",
        ["AWS_SESSION_TOKEN"] = "session-token-value",
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
        ["AWS_LAMBDA_FUNCTION_NAME"] = "alpha-kite-real-time-streamer",
    };

    [Test]
    public void Parse_CompleteEnvironment_GivesSettingsAndParameterNames()
    {
        // Act
        var settings = LambdaSettings.Parse(Complete());

        // Assert
        settings.Tickers.Should().Equal("QQQ", "SPY");
        settings.LogLevel.Should().Be(LogLevel.Information);
        settings.SchwabBaseUrl.Should().Be(new Uri("https://api.schwabapi.com"));
        settings.AwsEndpointUrl.Should().BeNull();
        settings.MemorySizeMb.Should().Be(256);
        settings.Credentials.SessionToken.Should().Be("session-token-value");
        settings.AppKeyParameter.Should().Be("/alpha-kite/prod/schwab-app-key");
        settings.AppSecretParameter.Should().Be("/alpha-kite/prod/schwab-app-secret");
        settings.DatabaseUrlParameter.Should().Be("/alpha-kite/prod/database-url");
    }

    [TestCase("ALPHAKITE_TICKERS", "ALPHAKITE_TICKERS is not set (comma-separated symbols, e.g. QQQ,SPY)")]
    [TestCase("ALPHAKITE_ENVIRONMENT", "ALPHAKITE_ENVIRONMENT is not set (e.g. prod)")]
    [TestCase("ALPHAKITE_TOKEN_SECRET_ID", "ALPHAKITE_TOKEN_SECRET_ID is not set (the token secret's name, e.g. schwab-api-token-prod)")]
    [TestCase("ALPHAKITE_PARAMETER_PREFIX", "ALPHAKITE_PARAMETER_PREFIX is not set (the SSM path of the secrets, e.g. /alpha-kite/prod/)")]
    [TestCase("AWS_REGION", "AWS_REGION is not set (*")]
    public void Parse_MissingVariable_ThrowsNamingIt(string name, string message)
    {
        // Arrange
        var environment = Complete();
        environment.Remove(name);

        // Act
        var parse = () => LambdaSettings.Parse(environment);

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage($"The function's configuration is incomplete: {message}*");
    }

    [TestCase("ALPHAKITE_TICKERS", "QQQ,SP Y", "ALPHAKITE_TICKERS has 'SP Y', which is not a symbol*")]
    [TestCase("ALPHAKITE_TICKERS", ",", "ALPHAKITE_TICKERS names no symbol*")]
    [TestCase("ALPHAKITE_PARAMETER_PREFIX", "alpha-kite/prod", "ALPHAKITE_PARAMETER_PREFIX 'alpha-kite/prod' must start and end with '/'*")]
    [TestCase("LOG_LEVEL", "Verbose", "LOG_LEVEL 'Verbose' is not one of Debug, Information, Warning, Error*")]
    [TestCase("ALPHAKITE_SCHWAB_BASE_URL", "api.schwabapi.com", "ALPHAKITE_SCHWAB_BASE_URL 'api.schwabapi.com' is not an http(s) URL*")]
    [TestCase("AWS_ENDPOINT_URL", "ftp://x", "AWS_ENDPOINT_URL 'ftp://x' is not an http(s) URL*")]
    [TestCase("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE 'lots' is not a number of megabytes*")]
    public void Parse_InvalidValue_ThrowsNamingIt(string name, string value, string message)
    {
        // Arrange
        var environment = Complete();
        environment[name] = value;

        // Act
        var parse = () => LambdaSettings.Parse(environment);

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage($"*{message}");
    }

    [Test]
    public void Parse_SeveralProblems_ReportsAllAtOnce()
    {
        // Act
        var parse = () => LambdaSettings.Parse(new Dictionary<string, string?> { ["AWS_REGION"] = "us-east-1" });

        // Assert
        parse.Should().Throw<LambdaSettingsException>()
            .Which.Message.Should().Contain("ALPHAKITE_ENVIRONMENT").And.Contain("ALPHAKITE_TICKERS").And.Contain("AWS_ACCESS_KEY_ID");
    }

    [Test]
    public void Parse_TickersOnlySeparatorsAndAnotherVariableMissing_NamesBoth()
    {
        // Arrange
        var environment = Complete();
        environment["ALPHAKITE_TICKERS"] = " , ";
        environment.Remove("ALPHAKITE_ENVIRONMENT");

        // Act
        var parse = () => LambdaSettings.Parse(environment);

        // Assert
        parse.Should().Throw<LambdaSettingsException>()
            .Which.Message.Should().Contain("ALPHAKITE_ENVIRONMENT is not set").And.Contain("ALPHAKITE_TICKERS names no symbol");
    }

    [Test]
    public void ToString_Settings_NeverPrintsTheSecretKeyOrSessionToken()
    {
        // Act
        var text = LambdaSettings.Parse(Complete()).ToString();

        // Assert
        text.Should().Contain("ASIAEXAMPLE").And.NotContain("secret-access-key-value").And.NotContain("session-token-value");
    }
}
