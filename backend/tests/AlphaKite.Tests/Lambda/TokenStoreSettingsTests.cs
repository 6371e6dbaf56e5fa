using AlphaKite.Aws.Secrets;
using AlphaKite.Lambda;

namespace AlphaKite.Tests.Lambda;

/// <summary>ALPHAKITE_TOKEN_STORE and the one name each store needs (Terraform's token_store contract).</summary>
public class TokenStoreSettingsTests
{
    private static Dictionary<string, string?> Base(params (string Name, string? Value)[] token)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ALPHAKITE_ENVIRONMENT"] = "prod",
            ["ALPHAKITE_TICKERS"] = "QQQ",
            ["ALPHAKITE_PARAMETER_PREFIX"] = "/alpha-kite/prod/",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "ASIAEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret-access-key-value",
        };
        foreach (var (name, value) in token)
        {
            environment[name] = value;
        }

        return environment;
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("secretsmanager")]
    public void Parse_StoreAbsentOrSecretsManager_UsesTheSecret(string? store)
    {
        // Act
        var settings = LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_STORE", store), ("ALPHAKITE_TOKEN_SECRET_ID", "schwab-api-token-prod")));

        // Assert
        (settings.TokenStore, settings.TokenSecretId, settings.TokenParameter).Should().Be((TokenStoreKind.SecretsManager, "schwab-api-token-prod", (string?)null));
    }

    [Test]
    public void Parse_Ssm_UsesTheParameter()
    {
        // Act
        var settings = LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_STORE", "ssm"), ("ALPHAKITE_TOKEN_PARAMETER", "/alpha-kite/prod/schwab-token")));

        // Assert
        (settings.TokenStore, settings.TokenParameter).Should().Be((TokenStoreKind.Ssm, "/alpha-kite/prod/schwab-token"));
    }

    [TestCase("SSM", "ALPHAKITE_TOKEN_STORE 'SSM' is not a token store (secretsmanager, the default, or ssm)")]
    [TestCase("parameterstore", "ALPHAKITE_TOKEN_STORE 'parameterstore' is not a token store (secretsmanager, the default, or ssm)")]
    public void Parse_UnknownStore_ThrowsNamingTheChoices(string store, string message)
    {
        // Act
        var parse = () => LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_STORE", store), ("ALPHAKITE_TOKEN_SECRET_ID", "schwab-api-token-prod")));

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage($"The function's configuration is incomplete: {message}. *");
    }

    [Test]
    public void Parse_SsmWithoutParameter_ThrowsNamingTheVariable()
    {
        // Act
        var parse = () => LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_STORE", "ssm")));

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage(
            "*ALPHAKITE_TOKEN_PARAMETER is not set (ALPHAKITE_TOKEN_STORE is ssm: the token parameter's name, e.g. /alpha-kite/prod/schwab-token)*");
    }

    [Test]
    public void Parse_SecretsManagerWithoutSecret_ThrowsNamingTheVariable()
    {
        // Act
        var parse = () => LambdaSettings.Parse(Base());

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage("*ALPHAKITE_TOKEN_SECRET_ID is not set (the token secret's name, e.g. schwab-api-token-prod)*");
    }

    [TestCase("alpha-kite/prod/schwab-token")]
    [TestCase("/alpha-kite/prod/")]
    public void Parse_SsmParameterNotAName_Throws(string parameter)
    {
        // Act
        var parse = () => LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_STORE", "ssm"), ("ALPHAKITE_TOKEN_PARAMETER", parameter)));

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage($"*ALPHAKITE_TOKEN_PARAMETER '{parameter}' is not a parameter name such as /alpha-kite/prod/schwab-token*");
    }

    [Test]
    public void Parse_SsmWithASecretIdToo_ThrowsRatherThanGuessing()
    {
        // Act
        var parse = () => LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_STORE", "ssm"), ("ALPHAKITE_TOKEN_PARAMETER", "/alpha-kite/prod/schwab-token"),
            ("ALPHAKITE_TOKEN_SECRET_ID", "schwab-api-token-prod")));

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage("*ALPHAKITE_TOKEN_SECRET_ID is set, but ALPHAKITE_TOKEN_STORE is ssm*");
    }

    [Test]
    public void Parse_SecretsManagerWithAParameterToo_ThrowsRatherThanGuessing()
    {
        // Act
        var parse = () => LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_SECRET_ID", "schwab-api-token-prod"), ("ALPHAKITE_TOKEN_PARAMETER", "/alpha-kite/prod/schwab-token")));

        // Assert
        parse.Should().Throw<LambdaSettingsException>().WithMessage("*ALPHAKITE_TOKEN_PARAMETER is set, but the token store is secretsmanager*");
    }

    [Test]
    public void Create_EachChoice_BuildsThatStore()
    {
        // Arrange
        using var http = new HttpClient();
        var ssm = LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_STORE", "ssm"), ("ALPHAKITE_TOKEN_PARAMETER", "/alpha-kite/prod/schwab-token")));
        var secret = LambdaSettings.Parse(Base(("ALPHAKITE_TOKEN_SECRET_ID", "schwab-api-token-prod")));

        // Act
        var fromSsm = TokenStoreSettings.Create(ssm, http, TimeProvider.System);
        var fromSecret = TokenStoreSettings.Create(secret, http, TimeProvider.System);

        // Assert
        fromSsm.Should().BeOfType<SsmTokenStore>().Which.Describe.Should().Be("SSM parameter /alpha-kite/prod/schwab-token");
        fromSecret.Should().BeOfType<SecretsManagerTokenStore>().Which.Describe.Should().Be("secret schwab-api-token-prod");
    }
}
