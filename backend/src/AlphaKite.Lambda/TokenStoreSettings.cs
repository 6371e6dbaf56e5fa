using AlphaKite.Aws.Json;
using AlphaKite.Aws.Secrets;
using AlphaKite.Core.Ports;

namespace AlphaKite.Lambda;

/// <summary>Where the function keeps the Schwab token (Terraform's token_store).</summary>
public enum TokenStoreKind
{
    /// <summary>A Secrets Manager secret (ALPHAKITE_TOKEN_SECRET_ID); the default.</summary>
    SecretsManager,

    /// <summary>An SSM SecureString parameter (ALPHAKITE_TOKEN_PARAMETER).</summary>
    Ssm,
}

/// <summary>ALPHAKITE_TOKEN_STORE and the one name that store needs; the store built from them.</summary>
public static class TokenStoreSettings
{
    /// <summary>Reads the token variables, adding every problem to <paramref name="problems"/>.</summary>
    internal static (TokenStoreKind Store, string SecretId, string? Parameter) Parse(IReadOnlyDictionary<string, string?> environment, List<string> problems)
    {
        string? Value(string name) => environment.GetValueOrDefault(name)?.Trim() is { Length: > 0 } v ? v : null;

        var text = Value("ALPHAKITE_TOKEN_STORE");
        TokenStoreKind? store = text switch
        {
            null or "secretsmanager" => TokenStoreKind.SecretsManager,
            "ssm" => TokenStoreKind.Ssm,
            _ => null,
        };
        var secretId = Value("ALPHAKITE_TOKEN_SECRET_ID");
        var parameter = Value("ALPHAKITE_TOKEN_PARAMETER");
        switch (store)
        {
            case null:
                problems.Add($"ALPHAKITE_TOKEN_STORE '{text}' is not a token store (secretsmanager, the default, or ssm)");
                break;
            case TokenStoreKind.SecretsManager:
                if (secretId is null)
                {
                    problems.Add("ALPHAKITE_TOKEN_SECRET_ID is not set (the token secret's name, e.g. schwab-api-token-prod)");
                }

                if (parameter is not null)
                {
                    problems.Add("ALPHAKITE_TOKEN_PARAMETER is set, but the token store is secretsmanager: set ALPHAKITE_TOKEN_STORE=ssm, or remove it");
                }

                break;
            case TokenStoreKind.Ssm:
                if (parameter is null)
                {
                    problems.Add("ALPHAKITE_TOKEN_PARAMETER is not set (ALPHAKITE_TOKEN_STORE is ssm: the token parameter's name, e.g. /alpha-kite/prod/schwab-token)");
                }
                else if (!parameter.StartsWith('/') || parameter.EndsWith('/'))
                {
                    problems.Add($"ALPHAKITE_TOKEN_PARAMETER '{parameter}' is not a parameter name such as /alpha-kite/prod/schwab-token");
                }

                if (secretId is not null)
                {
                    problems.Add("ALPHAKITE_TOKEN_SECRET_ID is set, but ALPHAKITE_TOKEN_STORE is ssm: remove it, or use ALPHAKITE_TOKEN_STORE=secretsmanager");
                }

                break;
        }

        return (store ?? TokenStoreKind.SecretsManager, secretId ?? "", parameter);
    }

    /// <summary>The token store <paramref name="settings"/> chose, signed with its credentials.</summary>
    public static ITokenStore Create(LambdaSettings settings, HttpClient awsHttp, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.TokenStore == TokenStoreKind.Ssm
            ? new SsmTokenStore(Client("ssm"), settings.TokenParameter!)
            : new SecretsManagerTokenStore(Client("secretsmanager"), settings.TokenSecretId);

        AwsJsonClient Client(string service) => new(awsHttp, settings.Credentials, settings.Region, service, settings.AwsEndpointUrl, clock);
    }
}
