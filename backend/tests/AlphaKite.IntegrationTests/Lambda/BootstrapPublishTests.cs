using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>The real Native AOT `bootstrap`: what Lambda will run (provided.al2023, glibc 2.34).</summary>
[Category("Integration")]
[NonParallelizable]
public partial class BootstrapPublishTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    public void Publish_Bootstrap_IsSmallElfNeedingAtMostGlibc234()
    {
        // Arrange
        var path = PublishedBootstrap.Path;

        // Act
        var header = new byte[4];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        var (exit, symbols, _) = ProcessRunner.Run("objdump", ["-T", path]);
        var newest = GlibcVersion().Matches(symbols).Select(m => Version.Parse(m.Groups[1].Value)).Max();
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntryFromFile(path, "bootstrap", CompressionLevel.SmallestSize);
        }

        // Assert
        header.Should().Equal(0x7F, (byte)'E', (byte)'L', (byte)'F');
        exit.Should().Be(0);
        newest.Should().NotBeNull().And.BeLessThanOrEqualTo(new Version(2, 34), "provided.al2023 ships glibc 2.34");
        zipped.Length.Should().BeLessThan(10 * 1024 * 1024);
        TestContext.Out.WriteLine($"bootstrap {new FileInfo(path).Length / 1024} KiB, zipped {zipped.Length / 1024} KiB, newest {newest}");
    }

    [Test]
    public async Task Bootstrap_ConfigurationIncomplete_PostsInitErrorNamingTheVariableAndExits()
    {
        // Arrange: everything Terraform sets except the tickers.
        using var emulator = new RuntimeApiEmulator();
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address, ["ALPHAKITE_ENVIRONMENT"] = "prod",
            ["ALPHAKITE_TOKEN_SECRET_ID"] = "schwab-api-token-prod", ["ALPHAKITE_PARAMETER_PREFIX"] = "/alpha-kite/prod/",
            ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "ASIAEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "not-logged-secret",
            ["AWS_SESSION_TOKEN"] = "not-logged-session", ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
        };

        // Act
        using var process = PublishedBootstrap.Start(PublishedBootstrap.Path, environment);
        var post = await emulator.NextPostAsync(Wait);
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(Wait).Token);

        // Assert
        post.Path.Should().Be("init/error");
        post.ContentType.Should().Be("application/vnd.aws.lambda.error+json");
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("LambdaSettingsException");
        error.GetProperty("errorMessage").GetString().Should().StartWith(
            "The function's configuration is incomplete: ALPHAKITE_TICKERS is not set (comma-separated symbols, e.g. QQQ,SPY).");
        process.ExitCode.Should().NotBe(0);
        emulator.NextRequests.Should().BeEmpty("a runtime that failed to initialize must not ask for events");
        stdout.Should().Contain("\"message\":\"initialization failed\"").And.NotContain("not-logged-secret").And.NotContain("not-logged-session");
    }

    [Test]
    public async Task Bootstrap_SsmParametersMissing_SignsAndParsesNativelyThenPostsInitError()
    {
        // Arrange: a complete environment against moto, where the SecureString parameters do not exist yet.
        using var moto = MotoServer.Start();
        using var emulator = new RuntimeApiEmulator();
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address, ["ALPHAKITE_ENVIRONMENT"] = "prod", ["ALPHAKITE_TICKERS"] = "QQQ,SPY",
            ["ALPHAKITE_TOKEN_SECRET_ID"] = "schwab-api-token-prod", ["ALPHAKITE_PARAMETER_PREFIX"] = "/alpha-kite/prod/",
            ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
        };

        // Act
        using var process = PublishedBootstrap.Start(PublishedBootstrap.Path, environment);
        var post = await emulator.NextPostAsync(Wait);
        await process.WaitForExitAsync(new CancellationTokenSource(Wait).Token);

        // Assert
        var error = JsonDocument.Parse(post.Body).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("SecretUnavailableException");
        error.GetProperty("errorMessage").GetString().Should().StartWith(
            "SSM parameters not found: /alpha-kite/prod/schwab-app-key, /alpha-kite/prod/schwab-app-secret, /alpha-kite/prod/database-url.");
    }

    [Test]
    public void Publish_Bootstrap_CarriesNoEmbeddedPostgresTooling()
    {
        // Arrange: the embedded server (initdb, pg_ctl, runuser, the PATH lookup) lives in
        // AlphaKite.LocalPostgres, which only the CLI and the tests reference (docs/architecture.md).
        var path = PublishedBootstrap.Path;
        var assets = System.IO.Path.Combine(PublishedBootstrap.RepositoryRoot, "backend", "src", "AlphaKite.Lambda.Bootstrap", "obj", "project.assets.json");
        var adapter = typeof(PostgresBarStore).Assembly;
        string[] tooling = ["AlphaKite.LocalPostgres", "EmbeddedPostgres", "PostgresBinaries", "pg_ctl", "initdb", "runuser"];

        // Act
        using var graph = JsonDocument.Parse(File.ReadAllText(assets));
        var libraries = graph.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
        var inBootstrap = Found(File.ReadAllBytes(path), tooling);
        var inAdapter = Found(File.ReadAllBytes(adapter.Location), tooling);

        // Assert
        libraries.Should().Contain("AlphaKite.Postgres", "the graph read is the bootstrap's own").And.NotContain("AlphaKite.LocalPostgres");
        adapter.GetTypes().Select(t => t.FullName).Should().NotContain(name => name!.Contains("Embedded", StringComparison.Ordinal));
        inAdapter.Should().BeEmpty("the Postgres adapter the Lambda links carries no embedded-server tooling");
        inBootstrap.Should().BeEmpty("the published bootstrap carries no embedded-server tooling");
    }

    /// <summary>The words that occur in a binary, as UTF-8 (names, native strings) or UTF-16 (.NET string literals).</summary>
    private static List<string> Found(byte[] binary, IEnumerable<string> words) =>
        words.Where(w => binary.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(w)) >= 0
            || binary.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(w)) >= 0).ToList();

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}
