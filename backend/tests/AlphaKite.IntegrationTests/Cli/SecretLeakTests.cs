using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaKite.IntegrationTests.Lambda;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Sandbox;
using AlphaKite.TestSupport;
using FluentAssertions.Execution;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>
/// Every `alphakite` command and the published bootstrap's failure paths, run with distinctive fake
/// secrets: none of them may appear in any output, raw, URL-encoded, base64 or JSON-escaped, nor
/// the first characters of one. The secrets hold '/', '+' and '@' so that each encoding differs.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SecretLeakTests
{
    private const string AppKey = "AKey9qW2/zX+Lm@7vB";
    private const string AppSecret = "ASec4rT8/pQ+Vn@3nC";
    private const string RefreshToken = "RTok6yH1/kJ+Wb@5zQ";
    private const string AccessToken = "ATok2gF7/dS+Xc@9vM";
    private const string DbPassword = "DbPw8uI3/oP+Ze@1xL";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Test]
    public async Task EveryCliCommand_WithFakeSecrets_PrintsNoneOfThem()
    {
        // Arrange: a sandbox that knows the app, a reachable database, a closed port, and a token
        // file whose tokens the sandbox never issued (so the refresh is rejected).
        await using var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions { Clock = TimeProvider.System, AppKey = AppKey, AppSecret = AppSecret }, CancellationToken.None);
        var db = await PostgresServer.CreateMigratedDatabaseAsync("leak");
        var closed = LoopbackPort.Free();
        var dir = Directory.CreateTempSubdirectory("alphakite-leak-");
        var tokenFile = Path.Combine(dir.FullName, "schwab_token.json");
        await File.WriteAllTextAsync(tokenFile, StaleTokenDocument());
        var badTokenFile = Path.Combine(dir.FullName, "bad_token.json");
        await File.WriteAllTextAsync(badTokenFile, BadTokenDocument());
        var reachable = $"postgresql://{db.Username}:{Uri.EscapeDataString(DbPassword)}@{db.Host}:{db.Port}/{db.Database}";
        var unreachable = $"postgresql://writer:{Uri.EscapeDataString(DbPassword)}@127.0.0.1:{closed}/postgres";
        var libpqUnreachable = $"host=127.0.0.1 port={closed} user=writer password='{DbPassword}' connect_timeout=5";
        var day = RecentDates.FullSessionBeforeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] schwab = ["--base-url", sandbox.BaseUrl.ToString()];

        (string Name, string[] Args, string DatabaseUrl, bool Fails)[] runs =
        [
            ("auth", ["auth", "--code-url", "https://127.0.0.1:8182/?code=C0.bogus%40&session=s", "--token-file", Path.Combine(dir.FullName, "new.json"), .. schwab], reachable, true),
            ("stream --once", ["stream", "--once", "--tickers", "QQQ", "--token-file", tokenFile, .. schwab], reachable, false),
            ("stream --once, database unreachable", ["stream", "--once", "--tickers", "QQQ", "--token-file", tokenFile, .. schwab], libpqUnreachable, false),
            ("backfill, refresh rejected", ["backfill", "--tickers", "QQQ", "--from", day, "--to", day, "--token-file", tokenFile, .. schwab], reachable, true),
            ("backfill, bad token file", ["backfill", "--tickers", "QQQ", "--from", day, "--to", day, "--token-file", badTokenFile, .. schwab], reachable, true),
            ("invoke, refresh rejected", ["invoke", "--event", $"{{\"date\": \"{day}\"}}", "--tickers", "QQQ", "--token-file", tokenFile, "--database", reachable, .. schwab], "", true),
            ("db migrate, unreachable URI", ["db", "migrate"], unreachable, true),
            ("db migrate, unreachable libpq", ["db", "migrate", "--database", libpqUnreachable], "", true),
            ("db migrate, libpq unknown keyword", ["db", "migrate", "--database", $"host=127.0.0.1 password={DbPassword} passfile=x"], "", true),
            ("db migrate, libpq unterminated quote", ["db", "migrate", "--database", $"host=127.0.0.1 password='{DbPassword}"], "", true),
            ("db migrate, forms mixed", ["db", "migrate", "--database", $"Host=127.0.0.1 password={DbPassword};Port=5432"], "", true),
            ("db migrate, bad URI port", ["db", "migrate", "--database", $"postgresql://u:{Uri.EscapeDataString(DbPassword)}@h:port/db"], "", true),
            ("status", ["status", "--tickers", "QQQ"], unreachable, true),
            ("export", ["export", "--ticker", "QQQ", "--database", libpqUnreachable], "", true),
            ("calendar", ["calendar", "--year", "2026"], reachable, false),
        ];

        try
        {
            using var scope = new AssertionScope();
            foreach (var (name, args, databaseUrl, fails) in runs)
            {
                // Act
                var (exit, stdout, stderr) = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), .. args],
                    environment: new Dictionary<string, string?>
                    {
                        ["SCHWAB_APP_KEY"] = AppKey, ["SCHWAB_APP_SECRET"] = AppSecret, ["DATABASE_URL"] = databaseUrl,
                        ["ALPHAKITE_TICKERS"] = "QQQ", ["SCHWAB_BASE_URL"] = "",
                    },
                    timeout: TimeSpan.FromMinutes(2));

                // Assert: the failure paths really ran, and said nothing secret.
                if (fails)
                {
                    exit.Should().NotBe(0, $"{name} fails\n{stdout}\n{stderr}");
                }

                // The authorize URL carries the app key as client_id by design: it is what the browser opens.
                var secrets = name == "auth" ? Secrets().Where(s => s.Value != AppKey) : Secrets();
                AssertNoSecret($"{name}: stdout", stdout, secrets);
                AssertNoSecret($"{name}: stderr", stderr, secrets);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Bootstrap_FailurePaths_WithFakeSecrets_ReportNoneOfThem()
    {
        // Arrange: the deployed stack (moto, sandbox, database); its app key and secret are the
        // sandbox account's, its token and database URL are swapped per failure below.
        await using var stack = await LambdaStack.StartAsync();
        var login = stack.Moto.Aws("secretsmanager", "get-secret-value", "--secret-id", LambdaStack.SecretId, "--query", "SecretString", "--output", "text").TrimEnd('\n');
        var day = RecentDates.FullSessionBeforeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var closed = LoopbackPort.Free();
        var secrets = Secrets()
            .Concat(Named("sandbox app key", SandboxAccount.AppKey)).Concat(Named("sandbox app secret", SandboxAccount.AppSecret))
            .Concat(Named("writer password", stack.DatabasePassword))
            .Concat(TokensOf(login)).ToList();

        (string Name, string Token, string DatabaseUrl, string ExpectedPath)[] failures =
        [
            ("bad token", BadTokenDocument(), stack.DatabaseUrl, "error"),
            ("refresh rejected", StaleTokenDocument(), stack.DatabaseUrl, "error"),
            ("database unreachable", login, $"postgresql://writer:{Uri.EscapeDataString(DbPassword)}@127.0.0.1:{closed}/postgres", "error"),
            ("bad database URL", login, $"host=127.0.0.1 password={DbPassword} sslmode=sometimes", "init/error"),
        ];

        using var scope = new AssertionScope();
        foreach (var (name, token, databaseUrl, expectedPath) in failures)
        {
            stack.Moto.Aws("secretsmanager", "put-secret-value", "--secret-id", LambdaStack.SecretId, "--secret-string", token);
            stack.Moto.Aws("ssm", "put-parameter", "--name", LambdaStack.ParameterPrefix + "database-url", "--type", "SecureString", "--overwrite", "--value", databaseUrl);
            using var emulator = new RuntimeApiEmulator();
            using var bootstrap = BootstrapProcess.Start(PublishedBootstrap.Path, stack.FunctionEnvironment(emulator));

            // Act: an invocation either way; when init fails, its report is the only post.
            var (_, post) = await BootstrapProcess.InvokeAsync(emulator, $"{{\"date\": \"{day}\"}}", Wait);
            await bootstrap.StopAsync(emulator);

            // Assert
            post.Path.Should().EndWith(expectedPath, $"{name}: {post.Body}\n{bootstrap.Stderr}");
            AssertNoSecret($"{name}: Runtime API body", post.Body, secrets);
            AssertNoSecret($"{name}: stdout", bootstrap.Stdout, secrets);
            AssertNoSecret($"{name}: stderr", bootstrap.Stderr, secrets);
        }
    }

    private static IEnumerable<(string Name, string Value)> Secrets() =>
        Named("app key", AppKey).Concat(Named("app secret", AppSecret)).Concat(Named("refresh token", RefreshToken))
            .Concat(Named("access token", AccessToken)).Concat(Named("database password", DbPassword));

    private static IEnumerable<(string Name, string Value)> Named(string name, string value) => [(name, value)];

    private static IEnumerable<(string Name, string Value)> TokensOf(string document)
    {
        var token = JsonNode.Parse(document)!["token"]!;
        return Named("login refresh token", token["refresh_token"]!.GetValue<string>())
            .Concat(Named("login access token", token["access_token"]!.GetValue<string>()));
    }

    /// <summary>Every form a secret could take on its way out, and its first 6 characters (errors have quoted token prefixes).</summary>
    private static void AssertNoSecret(string where, string text, IEnumerable<(string Name, string Value)> secrets)
    {
        foreach (var (name, value) in secrets)
        {
            var forms = new Dictionary<string, string>
            {
                ["raw"] = value,
                ["URL-encoded"] = Uri.EscapeDataString(value),
                ["form-encoded"] = WebUtility.UrlEncode(value),
                ["base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)),
                ["JSON-escaped"] = JsonEncodedText.Encode(value).ToString(),
                ["JSON-escaped, relaxed"] = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
                ["JSON-escaped, '/' escaped"] = value.Replace("/", "\\/", StringComparison.Ordinal),
                ["first 6 characters"] = value[..6],
            };
            foreach (var (encoding, form) in forms)
            {
                text.Should().NotContain(form, $"{where} must not show the {name} ({encoding})");
            }
        }

        text.Should().NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AppKey}:{AppSecret}")), $"{where}: Basic credentials");
    }

    /// <summary>A schwab-py token file an hour after its login, due for a refresh the sandbox rejects.</summary>
    private static string StaleTokenDocument()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $$$"""
            {"creation_timestamp": {{{now - 3600}}}, "token": {"expires_in": 1800, "token_type": "Bearer", "scope": "api",
             "refresh_token": "{{{RefreshToken}}}", "access_token": "{{{AccessToken}}}", "id_token": "x", "expires_at": {{{now - 60}}}}}
            """;
    }

    /// <summary>Holds both tokens but is not a schwab-py token file (no creation_timestamp, expires_at a string).</summary>
    private static string BadTokenDocument() =>
        $$$"""{"token": {"refresh_token": "{{{RefreshToken}}}", "access_token": "{{{AccessToken}}}", "expires_at": "{{{RefreshToken}}}"}}""";
}
