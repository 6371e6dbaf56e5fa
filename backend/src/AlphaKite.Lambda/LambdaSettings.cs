using System.Globalization;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Signing;
using AlphaKite.Core.Market;

namespace AlphaKite.Lambda;

/// <summary>
/// Everything the function reads from its environment, validated once at start-up. Secrets are
/// NOT here: they come from SSM Parameter Store and Secrets Manager (or SSM: ALPHAKITE_TOKEN_STORE) (<see cref="LambdaSecrets"/>).
/// </summary>
public sealed record LambdaSettings(
    string Environment,
    IReadOnlyList<string> Tickers,
    string TokenSecretId,
    string ParameterPrefix,
    LogLevel LogLevel,
    Uri SchwabBaseUrl,
    Uri? AwsEndpointUrl,
    string? CalendarOverridesPath,
    string Region,
    AwsCredentials Credentials,
    int? MemorySizeMb,
    string FunctionName)
{
    public string AppKeyParameter => ParameterPrefix + "schwab-app-key";

    public string AppSecretParameter => ParameterPrefix + "schwab-app-secret";

    public string DatabaseUrlParameter => ParameterPrefix + "database-url";

    /// <summary>Where the token lives (ALPHAKITE_TOKEN_STORE); <see cref="TokenSecretId"/> is set
    /// with Secrets Manager, <see cref="TokenParameter"/> with SSM.</summary>
    public TokenStoreKind TokenStore { get; init; } = TokenStoreKind.SecretsManager;

    /// <summary>The token's SSM parameter (ALPHAKITE_TOKEN_PARAMETER), only with <see cref="TokenStoreKind.Ssm"/>.</summary>
    public string? TokenParameter { get; init; }

    /// <summary>Validates <paramref name="environment"/>; throws <see cref="LambdaSettingsException"/>
    /// naming every missing or invalid variable at once.</summary>
    public static LambdaSettings Parse(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        string Required(string name, string example)
        {
            var value = environment.GetValueOrDefault(name)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                problems.Add($"{name} is not set ({example})");
            }

            return value ?? "";
        }

        string? Optional(string name) => environment.GetValueOrDefault(name)?.Trim() is { Length: > 0 } v ? v : null;

        var env = Required("ALPHAKITE_ENVIRONMENT", "e.g. prod");
        var tickers = ParseTickers(Required("ALPHAKITE_TICKERS", "comma-separated symbols, e.g. QQQ,SPY"), problems);
        var (store, secretId, parameter) = TokenStoreSettings.Parse(environment, problems);
        var prefix = Required("ALPHAKITE_PARAMETER_PREFIX", "the SSM path of the secrets, e.g. /alpha-kite/prod/");
        if (prefix.Length > 0 && (!prefix.StartsWith('/') || !prefix.EndsWith('/')))
        {
            problems.Add($"ALPHAKITE_PARAMETER_PREFIX '{prefix}' must start and end with '/' (e.g. /alpha-kite/prod/)");
        }

        var level = LogLevel.Information;
        try
        {
            level = JsonLog.ParseLevel(Optional("LOG_LEVEL"));
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message.Split(" (Parameter", 2)[0]);
        }

        var schwab = ParseUrl("ALPHAKITE_SCHWAB_BASE_URL", Optional("ALPHAKITE_SCHWAB_BASE_URL"), problems) ?? SchwabDefaults.BaseUrl;
        var endpoint = ParseUrl("AWS_ENDPOINT_URL", Optional("AWS_ENDPOINT_URL"), problems);
        var region = Required("AWS_REGION", "set by Lambda; e.g. us-east-1 when run elsewhere");
        var keyId = Required("AWS_ACCESS_KEY_ID", "set by Lambda from the execution role");
        var secret = Required("AWS_SECRET_ACCESS_KEY", "set by Lambda from the execution role");
        int? memory = null;
        if (Optional("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") is { } m)
        {
            memory = int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var mb) && mb > 0 ? mb : null;
            if (memory is null)
            {
                problems.Add($"AWS_LAMBDA_FUNCTION_MEMORY_SIZE '{m}' is not a number of megabytes");
            }
        }

        if (problems.Count > 0)
        {
            throw new LambdaSettingsException($"The function's configuration is incomplete: {string.Join("; ", problems)}. "
                + "Terraform sets these variables (infrastructure/lambda.tf); for a local run export them.");
        }

        return new LambdaSettings(env, tickers, secretId, prefix, level, schwab, endpoint, Optional("ALPHAKITE_CALENDAR_OVERRIDES"),
            region, new AwsCredentials(keyId, secret, Optional("AWS_SESSION_TOKEN")), memory,
            Optional("AWS_LAMBDA_FUNCTION_NAME") ?? "alpha-kite-real-time-streamer")
        {
            TokenStore = store,
            TokenParameter = parameter,
        };
    }

    private static List<string> ParseTickers(string text, List<string> problems)
    {
        var invalid = 0;
        var tickers = TickerSymbols.ParseList(TickerSymbols.Split(text), (_, item) =>
        {
            invalid++;
            problems.Add($"ALPHAKITE_TICKERS has '{item}', which is not a symbol ({TickerSymbols.Rule})");
        });
        if (text.Length > 0 && tickers.Count == 0 && invalid == 0)
        {
            problems.Add("ALPHAKITE_TICKERS names no symbol (e.g. QQQ,SPY)");
        }

        if (TickerSymbols.TooMany(tickers))
        {
            problems.Add($"ALPHAKITE_TICKERS names {tickers.Count} symbols; at most {TickerSymbols.MaxPerInvocation}");
        }

        return tickers;
    }

    private static Uri? ParseUrl(string name, string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        problems.Add($"{name} '{text}' is not an http(s) URL");
        return null;
    }
}
