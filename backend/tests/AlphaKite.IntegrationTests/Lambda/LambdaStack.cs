using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Sandbox;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// Everything the deployed function talks to, arranged the way Terraform and the deployment guide
/// leave it: moto with the token secret created empty and the three SecureString parameters, a
/// migrated database reached by a least-privilege login with a password, the Schwab sandbox, and the
/// token document of a real (sandbox) login uploaded with the guide's exact command.
/// </summary>
internal sealed class LambdaStack : IAsyncDisposable
{
    public const string SecretId = "schwab-api-token-prod";
    public const string ParameterPrefix = "/alpha-kite/prod/";

    private LambdaStack(MotoServer moto, SandboxServer sandbox, PostgresSettings database, string databaseUrl, string databasePassword, DirectoryInfo checkout)
    {
        Moto = moto;
        Sandbox = sandbox;
        Database = database;
        DatabaseUrl = databaseUrl;
        DatabasePassword = databasePassword;
        Checkout = checkout;
    }

    public MotoServer Moto { get; }

    public SandboxServer Sandbox { get; }

    /// <summary>The superuser's view of the function's database, for checks.</summary>
    public PostgresSettings Database { get; }

    public string DatabaseUrl { get; }

    public string DatabasePassword { get; }

    /// <summary>A directory shaped like a clone (backend/config/schwab_token.json), where the guide's commands run.</summary>
    public DirectoryInfo Checkout { get; }

    /// <param name="editUploadedToken">Changes the token document before its upload (e.g. to make it stale).</param>
    /// <param name="configureSandbox">Changes the sandbox's options (e.g. a day Schwab reports closed).</param>
    public static async Task<LambdaStack> StartAsync(Func<string, string>? editUploadedToken = null, Func<SandboxOptions, SandboxOptions>? configureSandbox = null)
    {
        var moto = MotoServer.Start();
        var sandbox = await SandboxAccount.StartAsync(configureSandbox);
        var (database, url, password) = await CreateWriterDatabaseAsync("lambda");

        moto.Aws("secretsmanager", "create-secret", "--name", SecretId, "--description", "schwab-py token file");
        foreach (var (name, value) in new[] { ("schwab-app-key", SandboxAccount.AppKey), ("schwab-app-secret", SandboxAccount.AppSecret), ("database-url", url) })
        {
            moto.Aws("ssm", "put-parameter", "--name", ParameterPrefix + name, "--type", "SecureString", "--value", value);
        }

        var checkout = Directory.CreateTempSubdirectory("alphakite-e2e-");
        var token = await SandboxAccount.LoginAsync(sandbox);
        Directory.CreateDirectory(Path.Combine(checkout.FullName, "backend", "config"));
        await File.WriteAllTextAsync(Path.Combine(checkout.FullName, "backend", "config", "schwab_token.json"), editUploadedToken?.Invoke(token) ?? token);
        moto.AwsIn(checkout.FullName, "secretsmanager", "put-secret-value", "--secret-id", SecretId, "--secret-string", "file://backend/config/schwab_token.json");
        return new LambdaStack(moto, sandbox, database, url, password, checkout);
    }

    /// <summary>A migrated database and the URL of a least-privilege login (alphakite_writer) with a password.</summary>
    public static async Task<(PostgresSettings Database, string Url, string Password)> CreateWriterDatabaseAsync(string prefix)
    {
        var database = await PostgresServer.CreateDatabaseAsync(prefix);
        await using (var source = new PostgresDatabase(database))
        {
            await Migrator.MigrateAsync(source, CancellationToken.None);
        }

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (role, password) = ($"e2e_writer_{suffix}", $"e2e-db-pw-{suffix}");
        await Sql.ExecuteAsync(database.ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE alphakite_writer");
        return (database, $"postgresql://{role}:{password}@{database.Host}:{database.Port}/{database.Database}", password);
    }

    /// <summary>What Terraform sets on the function, pointed at the local stand-ins.</summary>
    public Dictionary<string, string> FunctionEnvironment(RuntimeApiEmulator emulator) => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address, ["ALPHAKITE_ENVIRONMENT"] = "prod", ["ALPHAKITE_TICKERS"] = "QQQ",
        ["ALPHAKITE_TOKEN_SECRET_ID"] = SecretId, ["ALPHAKITE_PARAMETER_PREFIX"] = ParameterPrefix,
        ["ALPHAKITE_SCHWAB_BASE_URL"] = Sandbox.BaseUrl.ToString(), ["AWS_ENDPOINT_URL"] = Moto.Endpoint.ToString(),
        ["AWS_REGION"] = MotoServer.Region, ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = "e2e-session-token-0d9e", ["AWS_LAMBDA_FUNCTION_NAME"] = "alpha-kite-real-time-streamer",
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128",
    };

    public async ValueTask DisposeAsync()
    {
        Moto.Dispose();
        await Sandbox.DisposeAsync();
        Checkout.Delete(recursive: true);
    }
}
