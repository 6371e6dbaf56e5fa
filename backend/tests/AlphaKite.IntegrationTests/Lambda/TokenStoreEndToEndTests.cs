using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaKite.IntegrationTests.Infrastructure;
using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// Each token store (Terraform's token_store) from apply to re-login, with nothing stood in: the real
/// Terraform and provider apply the stack to moto; the published Native AOT bootstrap runs with the
/// environment Terraform gave the function, against the Runtime API emulator, the Schwab sandbox
/// (real OAuth) and PostgreSQL; the token goes up with the AWS CLI v2 command the token_upload_command
/// output prints. Before the upload the function says so; a stale upload is refreshed and saved as a
/// new version; a re-login uploaded while the process is warm is picked up without a cold start.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class TokenStoreEndToEndTests
{
    private const string Parameter = "/alpha-kite/prod/schwab-token";
    private const string Secret = "schwab-api-token-prod";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [TestCase("secretsmanager")]
    [TestCase("ssm")]
    public async Task Stack_UploadRefreshAndReloginUpload_TokenLivesOnlyInTheChosenStore(string store)
    {
        // Arrange: the stack as Terraform applies it, pointed at a real database and the sandbox's app.
        using var moto = MotoServer.Start();
        var aws = new AwsCliV2(moto, AwsCliV2.Find());
        await using var sandbox = await SandboxAccount.StartAsync();
        var (database, url, _) = await LambdaStack.CreateWriterDatabaseAsync("tokenstore");
        using var rig = new TerraformRig(moto, $"""
            schwab_app_key              = "{SandboxAccount.AppKey}"
            schwab_secret               = "{SandboxAccount.AppSecret}"
            database_url                = "{url}"
            token_store                 = "{store}"
            secret_recovery_window_days = 0
            """);
        rig.Run("init", "-input=false");
        rig.Run("apply", "-input=false", "-auto-approve");
        var outputs = rig.Outputs();
        var ssm = store == "ssm";
        var upload = outputs.GetProperty("token_upload_command").GetProperty("value").GetString()!;
        upload.Should().Be(ssm
            ? $"aws ssm put-parameter --name {Parameter} --type SecureString --overwrite --value file://backend/config/schwab_token.json --region us-east-1"
            : $"aws secretsmanager put-secret-value --secret-id {Secret} --secret-string file://backend/config/schwab_token.json --region us-east-1");
        outputs.GetProperty("token_store").GetProperty("value").GetString().Should().Be(store);
        AssertOnlyTheChosenStore(aws, ssm);

        var checkout = Directory.CreateTempSubdirectory("alphakite-token-store-");
        using var emulator = new RuntimeApiEmulator();
        using var bootstrap = BootstrapProcess.Start(BootstrapFlavour.Aot, FunctionEnvironment(aws, emulator, sandbox.BaseUrl, moto));
        var day = RecentDates.FullSessionBeforeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var eventJson = $"{{\"date\": \"{day}\"}}";
        try
        {
            // Act 1: a run before any upload.
            var (_, beforeUpload) = await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);

            // Act 2: the login (31 minutes ago: its access token is stale), the output's upload, a run.
            var login = Shift(await SandboxAccount.LoginAsync(sandbox), TimeSpan.FromMinutes(-31));
            Upload(aws, checkout, upload, login);
            var uploaded = Current(aws, ssm);
            var (_, refreshedRun) = await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);
            var refreshed = Current(aws, ssm);

            // Act 3: Schwab ends the access token, the person logs in again (which ends the old
            // refresh token) and uploads; the warm process runs again.
            sandbox.Faults.ExpireAccessTokensNow();
            var relogin = await SandboxAccount.LoginAsync(sandbox);
            Upload(aws, checkout, upload, relogin);
            var reuploaded = Current(aws, ssm);
            var (_, warmRun) = await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);
            var afterWarmRun = Current(aws, ssm);
            await bootstrap.StopAsync(emulator);

            // Assert: before the upload, an error naming the upload command (the SSM placeholder is "no token").
            beforeUpload.Path.Should().EndWith("/error", bootstrap.Stdout);
            var message = JsonDocument.Parse(beforeUpload.Body).RootElement.GetProperty("errorMessage").GetString();
            message.Should().Contain("exists but holds no token yet").And.Contain(ssm
                ? $"aws ssm put-parameter --name {Parameter} --type SecureString --overwrite --value file://backend/config/schwab_token.json"
                : $"aws secretsmanager put-secret-value --secret-id {Secret} --secret-string file://backend/config/schwab_token.json");

            // The stale upload was refreshed and saved once, as a new version.
            refreshedRun.Path.Should().EndWith("/response", bootstrap.Stdout);
            refreshedRun.Body.Should().Contain("\\\"equity_rows\\\": 390");
            uploaded.Value.Should().Be(login);
            refreshed.Version.Should().NotBe(uploaded.Version);
            var (before, after) = (JsonNode.Parse(login)!, JsonNode.Parse(refreshed.Value)!);
            after["token"]!["access_token"]!.GetValue<string>().Should().NotBe(before["token"]!["access_token"]!.GetValue<string>());
            after["token"]!["refresh_token"]!.GetValue<string>().Should().Be(before["token"]!["refresh_token"]!.GetValue<string>());
            after["token"]!["expires_at"]!.GetValue<long>().Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds(), 120);
            after["creation_timestamp"]!.GetValue<long>().Should().Be(before["creation_timestamp"]!.GetValue<long>());

            // The warm process took the re-login from the store: its old refresh token was refused
            // once, the run succeeded, and nothing was written over the upload.
            warmRun.Path.Should().EndWith("/response", bootstrap.Stdout);
            warmRun.Body.Should().Contain("\\\"equity_rows\\\": 0");
            reuploaded.Value.Should().Be(relogin);
            afterWarmRun.Should().Be(reuploaded);
            sandbox.Stats.RefreshTokenGrants.Should().Be(1, "only the stale upload needed a refresh; the re-login's token was fresh");
            (await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(390);
            if (ssm)
            {
                // Placeholder, upload, refresh, re-login: four versions, the history Parameter Store keeps.
                (uploaded.Version, refreshed.Version, reuploaded.Version).Should().Be(("2", "3", "4"));
                var history = aws.Json("ssm", "get-parameter-history", "--name", Parameter, "--with-decryption").GetProperty("Parameters").EnumerateArray().ToList();
                history.Select(h => h.GetProperty("Version").GetInt64()).Should().Equal(1, 2, 3, 4);
                history[0].GetProperty("Value").GetString().Should().Be("NO_TOKEN_UPLOADED_YET");
                history.Should().OnlyContain(h => h.GetProperty("Type").GetString() == "SecureString" && h.GetProperty("Tier").GetString() == "Standard");
            }

            // Terraform does not want the placeholder back, or anything else of the token changed,
            // after all that. (-target: moto ignores logging_config, so a whole plan always shows
            // the function changing; see docs/infrastructure.md.)
            var target = ssm ? "aws_ssm_parameter.token" : "aws_secretsmanager_secret.token";
            var plan = ProcessRunner.Run(rig.Terraform, ["plan", "-input=false", "-detailed-exitcode", "-no-color", $"-target={target}"],
                rig.Infrastructure, TerraformRig.Environment, TimeSpan.FromMinutes(4));
            plan.ExitCode.Should().Be(0, $"a plan after the uploads and refreshes must find no change to the token:\n{plan.Output}");

            // A store that does not exist is refused before anything is planned.
            var wrong = ProcessRunner.Run(rig.Terraform, ["plan", "-input=false", "-no-color", "-var", "token_store=parameterstore"], rig.Infrastructure, TerraformRig.Environment, TimeSpan.FromMinutes(4));
            wrong.ExitCode.Should().Be(1);
            System.Text.RegularExpressions.Regex.Replace(wrong.Output, @"[\s│]+", " ").Should().Contain("token_store must be secretsmanager (the default, as in the deployment guide) or ssm (SSM Parameter Store SecureString).");

            // The token never in the function's output.
            foreach (var document in new[] { login, relogin, refreshed.Value })
            {
                foreach (var key in new[] { "access_token", "refresh_token", "id_token" })
                {
                    var secret = JsonNode.Parse(document)!["token"]![key]!.GetValue<string>();
                    bootstrap.Stdout.Should().NotContain(secret);
                    bootstrap.Stderr.Should().NotContain(secret);
                }
            }
        }
        finally
        {
            checkout.Delete(recursive: true);
        }
    }

    /// <summary>The IAM policy names the chosen store's actions on its one ARN, and no resource of the other store exists.</summary>
    private static void AssertOnlyTheChosenStore(AwsCliV2 aws, bool ssm)
    {
        var policy = aws.Json("iam", "get-role-policy", "--role-name", "alpha-kite-streamer-prod", "--policy-name", "alpha-kite-streamer").GetProperty("PolicyDocument");
        var statements = policy.GetProperty("Statement").EnumerateArray()
            .Select(s => (Actions: Strings(s.GetProperty("Action")), Resources: Strings(s.GetProperty("Resource")))).ToList();
        var token = statements.Single(s => s.Actions.Any(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal) || (a.StartsWith("ssm:", StringComparison.Ordinal) && a != "ssm:GetParameters")));
        var allActions = statements.SelectMany(s => s.Actions).ToList();
        var parameters = aws.Json("ssm", "describe-parameters").GetProperty("Parameters").EnumerateArray().Select(p => p.GetProperty("Name").GetString()).ToList();
        var secrets = aws.Json("secretsmanager", "list-secrets", "--include-planned-deletion").GetProperty("SecretList").EnumerateArray().ToList();
        if (ssm)
        {
            var parameter = aws.Json("ssm", "get-parameter", "--name", Parameter).GetProperty("Parameter");
            token.Actions.Should().BeEquivalentTo("ssm:GetParameter", "ssm:PutParameter");
            token.Resources.Should().Equal(parameter.GetProperty("ARN").GetString());
            allActions.Should().NotContain(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal));
            parameters.Should().Contain(Parameter);
            secrets.Should().BeEmpty("with token_store = ssm no secret exists");
        }
        else
        {
            var secret = aws.Json("secretsmanager", "describe-secret", "--secret-id", Secret);
            token.Actions.Should().BeEquivalentTo("secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue");
            token.Resources.Should().Equal(secret.GetProperty("ARN").GetString());
            allActions.Should().NotContain("ssm:PutParameter").And.NotContain("ssm:GetParameter");
            parameters.Should().NotContain(Parameter);
            secrets.Should().ContainSingle();
        }
    }

    private static string[] Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(e => e.GetString()!).ToArray() : [element.GetString()!];

    /// <summary>Terraform's environment of the function (read back from moto), plus what Lambda itself provides.</summary>
    private static Dictionary<string, string> FunctionEnvironment(AwsCliV2 aws, RuntimeApiEmulator emulator, Uri schwab, MotoServer moto)
    {
        var configured = aws.Json("lambda", "get-function-configuration", "--function-name", "alpha-kite-real-time-streamer")
            .GetProperty("Environment").GetProperty("Variables").EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString()!);
        return new Dictionary<string, string>(configured)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address, ["ALPHAKITE_SCHWAB_BASE_URL"] = schwab.ToString(),
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(), ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "alpha-kite-real-time-streamer", ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128",
        };
    }

    /// <summary>Writes the token file where `alphakite auth` does and runs the output's command from the checkout.</summary>
    private static void Upload(AwsCliV2 aws, DirectoryInfo checkout, string command, string token)
    {
        Directory.CreateDirectory(Path.Combine(checkout.FullName, "backend", "config"));
        File.WriteAllText(Path.Combine(checkout.FullName, "backend", "config", "schwab_token.json"), token);
        var parts = command.Split(' ');
        parts[0].Should().Be("aws");
        var result = aws.TryRun(checkout.FullName, parts[1..]);
        result.ExitCode.Should().Be(0, result.Output);
    }

    /// <summary>The stored token now: its version and its document.</summary>
    private static (string Version, string Value) Current(AwsCliV2 aws, bool ssm)
    {
        if (ssm)
        {
            var parameter = aws.Json("ssm", "get-parameter", "--name", Parameter, "--with-decryption").GetProperty("Parameter");
            return (parameter.GetProperty("Version").GetInt64().ToString(CultureInfo.InvariantCulture), parameter.GetProperty("Value").GetString()!);
        }

        var secret = aws.Json("secretsmanager", "get-secret-value", "--secret-id", Secret);
        return (secret.GetProperty("VersionId").GetString()!, secret.GetProperty("SecretString").GetString()!);
    }

    /// <summary>Moves the login's clock back: the document of someone who logged in earlier.</summary>
    private static string Shift(string token, TimeSpan by)
    {
        var document = JsonNode.Parse(token)!;
        document["creation_timestamp"] = document["creation_timestamp"]!.GetValue<long>() + (long)by.TotalSeconds;
        document["token"]!["expires_at"] = document["token"]!["expires_at"]!.GetValue<long>() + (long)by.TotalSeconds;
        return document.ToJsonString();
    }
}
